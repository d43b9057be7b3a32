#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server on its own port and data
# directory, then stop the server and delete the data, whatever the command's
# outcome. The command's exit status is passed through.
#   PGPORT=54329 scripts/with-postgres.sh .venv/bin/pytest
set -euo pipefail

port="${PGPORT:-54329}"
bindir="$(dirname "$(ls -1 /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
datadir="$(mktemp -d "/tmp/invisible-pg-${port}-XXXXXX")"
logfile="${datadir}.log"
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  # PostgreSQL refuses to run as root.
  chown postgres:postgres "$datadir"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$datadir" "$logfile"
}
trap stop EXIT INT TERM

"${as_owner[@]}" "$bindir/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
touch "$logfile"
if [[ ${#as_owner[@]} -gt 0 ]]; then
  chown postgres:postgres "$logfile"
fi
"${as_owner[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$logfile" -w \
  -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null

"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres invisible
export DATABASE_URL="postgres://postgres@127.0.0.1:${port}/invisible"
status=0
"$@" || status=$?
exit "$status"
