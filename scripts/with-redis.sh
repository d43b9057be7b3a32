#!/usr/bin/env bash
# Run a command against a throwaway Redis on its own port (no persistence),
# with CACHE_URL pointing at it, then stop the server whatever the outcome.
# The command's exit status is passed through.
#   REDIS_PORT=54330 scripts/with-redis.sh .venv/bin/pytest
set -euo pipefail

port="${REDIS_PORT:-54330}"
rundir="$(mktemp -d "/tmp/invisible-redis-${port}-XXXXXX")"

stop() {
  redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$rundir"
}
trap stop EXIT INT TERM

redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
  --dir "$rundir" --daemonize yes --pidfile "$rundir/redis.pid" \
  --logfile "$rundir/redis.log" >/dev/null
for _ in $(seq 50); do
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

export CACHE_URL="redis://127.0.0.1:${port}/0"
status=0
"$@" || status=$?
exit "$status"
