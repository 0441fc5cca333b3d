#!/usr/bin/env bash
# Scan the running demo with wapiti3 (PyPI) on 127.0.0.1 for injection and XSS.
#   make scan            # or: bash scripts/scan.sh [seconds]
# Seeds a scratch SQLite demo database, serves it with gunicorn on 127.0.0.1 only,
# crawls and attacks it, and fails if wapiti reports any vulnerability.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET="${1:-600}"
PY="${PYTHON:-${VENV:-.venv}/bin/python}"
SCAN_VENV="${SCAN_VENV:-.scan-venv}"
WORK="$(mktemp -d)"
PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

if [ ! -x "$SCAN_VENV/bin/wapiti" ]; then
  python3 -m venv "$SCAN_VENV"
  "$SCAN_VENV/bin/pip" install --quiet wapiti3==3.2.3
fi

# A shared cache, as in production: with one local-memory cache per gunicorn worker, cached
# pages computed at different times differ, which wapiti's blind-SQL check mistakes for
# an injection.
export CACHE_URL="${CACHE_URL:-redis://127.0.0.1:6379/15}"
export DJANGO_DEBUG=true DATABASE_URL="sqlite:///$WORK/scan.sqlite3" DJANGO_LOG_LEVEL=WARNING \
       RATELIMIT_GLOBAL=100000/m RATELIMIT_SUBMIT=100000/m RATELIMIT_LOOKUP=100000/m RATELIMIT_VERDICT=100000/m
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py seed_demo --quiet-accounts >/dev/null
"$(dirname "$PY")/gunicorn" dialogue_portal.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.5; done

"$SCAN_VENV/bin/wapiti" -u "http://127.0.0.1:$PORT/" \
  -m xss,permanentxss,sql,timesql,exec,file,redirect,crlf \
  --scope folder --depth 6 --max-links-per-page 60 \
  --max-scan-time "$BUDGET" --max-attack-time 90 \
  -x "http://127.0.0.1:$PORT/staff/logout/" \
  --flush-session -f json -o "$WORK/report.json" >"$WORK/wapiti.log" 2>&1 || true

"$PY" - "$WORK/report.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
found = {name: items for name, items in report["vulnerabilities"].items() if items}
crawled = report.get("infos", {}).get("crawled_pages_nbr", "?")
print(f"wapiti: {crawled} pages crawled; vulnerabilities: {sum(len(v) for v in found.values())}")
for name, items in found.items():
    for item in items:
        print(f"  {name}: {item.get('method')} {item.get('path')} {item.get('parameter')} — {item.get('info')}")
sys.exit(1 if found else 0)
PYEOF
