#!/usr/bin/env bash
# Checks that this tree's migrations upgrade a database made by an older release, with its demo
# data, without losing or changing a row. Usage: scripts/check-upgrade.sh [REF]   (default: main)
#
#   1. a scratch database (UPGRADE_DB, default portal_upgrade_check; dropped first) is migrated by
#      REF's code, checked out in a temporary git worktree, and given REF's demo data (seed_demo);
#   2. every table's row count is recorded;
#   3. this tree's `migrate` runs on it;
#   4. the row counts must be the same (django_migrations aside: it gains the new migrations),
#      every reminder must still point at a model that exists, `pgtrigger ls` must show every
#      trigger installed and enabled with none outdated or left to prune, and
#      `makemigrations --check` must find nothing to do.
#
# Needs PostgreSQL (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres) and this tree's .venv.
# KEEP=1 keeps the scratch database afterwards. Written for issue 21 (apps moved without moving
# their tables; docs/DEPLOY.md, "Upgrades"), and worth running before any release that moves models.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REF="${1:-main}"
DB="${UPGRADE_DB:-portal_upgrade_check}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
PY="$ROOT/.venv/bin/python"
OLD="$(mktemp -d)/old"
WORK="$(mktemp -d)"

log() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() {
  git -C "$ROOT" worktree remove --force "$OLD" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || dropdb --if-exists "$DB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

counts() {
  psql -d "$DB" -Atc "select table_name from information_schema.tables
                      where table_schema = 'public' and table_type = 'BASE TABLE'
                      and table_name <> 'django_migrations' order by 1" |
    while read -r table; do
      printf '%s %s\n' "$table" "$(psql -d "$DB" -Atc "select count(*) from \"$table\"")"
    done
}

log "scratch database $DB at $REF's migrations, with its demo data"
dropdb --if-exists "$DB"
createdb "$DB"
git -C "$ROOT" worktree add --detach "$OLD" "$REF" >/dev/null
ln -s "$ROOT/.venv" "$OLD/.venv"
[ -e "$ROOT/node_modules" ] && ln -s "$ROOT/node_modules" "$OLD/node_modules"
(cd "$OLD" && "$PY" manage.py migrate --noinput -v0 && "$PY" manage.py seed_demo >/dev/null)
counts >"$WORK/before.txt"

log "this tree's migrations"
(cd "$ROOT" && "$PY" manage.py migrate --noinput)
counts >"$WORK/after.txt"

log "checks"
diff -u "$WORK/before.txt" "$WORK/after.txt" || fail "row counts changed"
(cd "$ROOT" && "$PY" manage.py shell -c '
from notifications.models import Reminder
lost = [r.pk for r in Reminder.objects.select_related("content_type") if r.content_type.model_class() is None]
assert not lost, f"reminders about a model that no longer exists: {lost}"
print(f"{Reminder.objects.count()} reminders, each about a model that exists")
') || fail "reminders lost their model"
(cd "$ROOT" && "$PY" manage.py pgtrigger ls) >"$WORK/triggers.txt"
sed 's/\x1b\[[0-9;]*m//g' "$WORK/triggers.txt" | grep -v '^INSTALLED  *ENABLED ' && fail "triggers not installed, outdated or left to prune (above)"
printf '%s triggers installed and enabled\n' "$(wc -l <"$WORK/triggers.txt")"
(cd "$ROOT" && "$PY" manage.py makemigrations --check --dry-run) || fail "models and migrations disagree"
printf 'OK: %s tables, same row counts before and after\n' "$(wc -l <"$WORK/after.txt")"
