#!/usr/bin/env bash
# Prove that a pg_dump of the portal restores into an empty database with the same counts.
#   scripts/backup_restore_check.sh [postgres://postgres@127.0.0.1:5432]
# Creates two scratch databases, seeds demo data, dumps, restores, compares, drops both.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER="${1:-postgres://postgres@127.0.0.1:5432}"
PY="${PYTHON:-${VENV:-.venv}/bin/python}"
SRC="dp_backup_src_$$"
DST="dp_backup_dst_$$"
DUMP="$(mktemp -d)/portal.dump"
cleanup() { psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS $SRC" -qc "DROP DATABASE IF EXISTS $DST" >/dev/null 2>&1 || true; }
trap cleanup EXIT

psql "$SERVER/postgres" -qc "CREATE DATABASE $SRC" -qc "CREATE DATABASE $DST"
export DJANGO_DEBUG=true
DATABASE_URL="$SERVER/$SRC" "$PY" manage.py migrate --no-input -v 0
DATABASE_URL="$SERVER/$SRC" "$PY" manage.py seed_demo --quiet-accounts >/dev/null

# The backup, exactly as docs/operations.md describes it.
pg_dump --format=custom --no-owner --file="$DUMP" "$SERVER/$SRC"
# The restore into an empty database.
pg_restore --no-owner --exit-on-error --dbname="$SERVER/$DST" "$DUMP"

counts() {
  psql "$SERVER/$1" -At -c "
    SELECT string_agg(format('%s=%s', table_name,
             (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text),
           ' ' ORDER BY table_name)
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
}
before="$(counts "$SRC")"
after="$(counts "$DST")"
if [ "$before" != "$after" ]; then
  echo "MISMATCH after restore"; echo "before: $before"; echo "after:  $after"; exit 1
fi
tables=$(echo "$before" | wc -w)
rows=$(echo "$before" | tr ' ' '\n' | awk -F= '{s+=$2} END {print s}')
echo "Backup restored: $tables tables, $rows rows, identical counts."
