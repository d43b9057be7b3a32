#!/usr/bin/env bash
# Install the Debian packages a target needs, only when they are missing.
#   scripts/system-deps.sh build   compiler and libpq headers (psycopg2 builds from source), gettext,
#                                  Pango and a font (WeasyPrint draws the critical edition's PDF)
#   scripts/system-deps.sh test    the above, plus PostgreSQL and Redis servers, Chromium and
#                                  pdftotext (a test reads the PDF's text back)
#   scripts/system-deps.sh bench   the test set, plus wrk (the HTTP load generator)
set -euo pipefail

want=()
need() { dpkg -s "$1" >/dev/null 2>&1 || want+=("$1"); }

need gcc
# msgfmt compiles the message catalogues (locale/*/LC_MESSAGES/*.po).
need gettext
need libpq-dev
# Debian's python3 ships venv without ensurepip until python3-venv is installed.
python3 -c 'import ensurepip' >/dev/null 2>&1 || want+=(python3-venv)
python3 -c 'import sysconfig, os, sys; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)' \
  || want+=(python3-dev)
# WeasyPrint loads Pango through cffi at import time; without a font every
# glyph of the PDF would be a box.
need libpango-1.0-0
need libpangoft2-1.0-0
need fonts-dejavu-core

if [[ "${1:-build}" == "test" || "${1:-build}" == "bench" ]]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
  need redis-server
  [[ -x /usr/bin/chromium ]] || want+=(chromium)
  need poppler-utils
fi
if [[ "${1:-build}" == "bench" ]]; then
  need wrk
fi

if (( ${#want[@]} )); then
  echo "Installing Debian packages: ${want[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "Need root to install ${want[*]} (run as root or install them yourself)." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi
