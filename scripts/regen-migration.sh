#!/usr/bin/env bash
# Regenerate the single initial Alembic migration from the current SQLAlchemy models.
#
# Use before the first release only (no deployed database depends on the old revision): it deletes
# migrations/versions/*.py, autogenerates "0001_initial" against a fresh SQLite file, then checks
# that the models and the migration match on SQLite and, when reachable, on PostgreSQL.
#   scripts/regen-migration.sh                 # SQLite + PostgreSQL at 127.0.0.1:5432/test
#   ORIENT_REGEN_PG_URL=... scripts/regen-migration.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL="${ORIENT_REGEN_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

rm -f migrations/versions/*.py
.venv/bin/orient db --url "sqlite:///$tmp/regen.sqlite3" revision -m "initial schema" --rev-id 0001
echo "--- check on a fresh SQLite database"
.venv/bin/orient db --url "sqlite:///$tmp/check.sqlite3" check

schema="regen_$$"
if .venv/bin/python - "$PG_URL" "$schema" <<'PY'
import sys
from sqlalchemy import create_engine, text
try:
    engine = create_engine(sys.argv[1])
    with engine.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{sys.argv[2]}"'))
except Exception as exc:  # report and skip the PostgreSQL check when the server is not reachable
    print(f"PostgreSQL not reachable ({type(exc).__name__}); skipped its check", file=sys.stderr)
    sys.exit(1)
PY
then
  echo "--- check on PostgreSQL (schema $schema)"
  sep='?'; [[ "$PG_URL" == *\?* ]] && sep='&'
  status=0
  .venv/bin/orient db --url "${PG_URL}${sep}options=-csearch_path%3D${schema}" check || status=$?
  .venv/bin/python - "$PG_URL" "$schema" <<'PY'
import sys
from sqlalchemy import create_engine, text
with create_engine(sys.argv[1]).begin() as c:
    c.execute(text(f'DROP SCHEMA "{sys.argv[2]}" CASCADE'))
PY
  exit $status
fi
