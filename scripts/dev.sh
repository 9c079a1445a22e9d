#!/usr/bin/env bash
# The steps behind the Makefile (see `make help`). Usage: scripts/dev.sh COMMAND [ARGS...]
#
#   install   Python >= 3.12 venv in .venv + requirements.lock, npm ci, npm run build (each skipped when up to date)
#   run       install, find or start PostgreSQL/Redis, migrate, seed_demo --if-empty, then web + worker + beat
#   test      install, find or start PostgreSQL/Redis, then pytest (extra args go to pytest)
#   chaos     install, then only the resilience tests (tests/chaos: private PostgreSQL, Redis, gunicorn, Celery)
#   bench     install, find or start PostgreSQL/Redis, then every benchmarks/*.py (or the names given)
#   lint      ruff check, ruff format --check, mypy, the layer contract (tests/portal/test_layers.py)
#   migrate   install, find or start PostgreSQL/Redis, migrate (which also creates the database cache table)
#   seed      migrate, then seed_demo
#   pg-stop   stop the embedded PostgreSQL if one is left running
#
# install, run, test and bench first make sure the Debian packages they need are there, through
# scripts/system-packages.sh (installed when run as root with apt-get, else it stops and prints the
# command): install needs node (npm); run and bench also pdf (WeasyPrint's libraries and fonts);
# test also browser (chromium) and chaos (PostgreSQL's server binaries, redis-server).
#
# Environment: DATABASE_URL, REDIS_URL, CELERY_BROKER_URL, CACHE_BACKEND (as in portal/settings.py),
# EMBEDDED_PG=never (no embedded PostgreSQL fallback), PYTHON (the interpreter for a new .venv),
# WEB_HOST / WEB_PORT (default 127.0.0.1:8000), SYSTEM_PACKAGES=skip (no system package check).
# A .env file, when present, is read first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
T0="${EPOCHREALTIME:-$(date +%s)}"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

log() { printf '==> %s\n' "$*" >&2; }
die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}

if [ -f .env ]; then
	log "Reading .env"
	set -a
	# shellcheck disable=SC1091
	. ./.env
	set +a
fi
WEB_HOST="${WEB_HOST:-127.0.0.1}"
WEB_PORT="${WEB_PORT:-8000}"
export PATH="$VENV/bin:$PATH" PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1

hash_of() {
	if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -c1-64; else shasum -a 256 "$1" | cut -c1-64; fi
}

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

# A Python >= 3.12: $PYTHON, then python3.13 / python3.12 / python3 on PATH, then pyenv's versions.
find_python() {
	local candidate path root
	if [ -n "${PYTHON:-}" ]; then
		python_ok "$PYTHON" || die "PYTHON=$PYTHON is not a Python >= 3.12."
		echo "$PYTHON"
		return
	fi
	for candidate in python3.13 python3.12 python3; do
		path="$(command -v "$candidate" 2>/dev/null)" || continue
		if python_ok "$path"; then
			echo "$path"
			return
		fi
	done
	root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
	# shellcheck disable=SC2012  # pyenv version folder names are plain version numbers
	for path in $(ls -d "$root"/versions/3.1[23]* 2>/dev/null | sort -rV); do
		if [ -x "$path/bin/python" ] && python_ok "$path/bin/python"; then
			echo "$path/bin/python"
			return
		fi
	done
	die "No Python >= 3.12 found (tried python3.13, python3.12, python3 on PATH and $root/versions/3.1[23]*).
       Install one (e.g. 'pyenv install 3.12' or your OS package) or set PYTHON=/path/to/python3.12."
}

install_python() {
	if ! { [ -x "$PY" ] && python_ok "$PY"; }; then
		if [ -e "$VENV" ]; then
			log "Removing .venv: its Python is missing or older than 3.12"
			rm -rf "$VENV"
		fi
		local base
		base="$(find_python)"
		log "Creating .venv with $base ($("$base" --version 2>&1))"
		"$base" -m venv "$VENV"
	fi
	local stamp="$VENV/.stamp-requirements" want
	want="$(hash_of requirements.lock) $("$PY" --version 2>&1)"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		log "Python packages up to date (requirements.lock unchanged)"
		return
	fi
	log "Installing Python packages from requirements.lock into .venv ..."
	local started="$SECONDS"
	# (pip's notes about missing local index folders on some machines are only noise)
	"$PY" -m pip install -q -r requirements.lock 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
	echo "$want" >"$stamp"
	log "Python packages installed in $((SECONDS - started))s"
}

install_node() {
	command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)."
	local stamp="node_modules/.stamp-package-lock" want
	want="$(hash_of package-lock.json) node $(node --version)"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		log "npm packages up to date (package-lock.json unchanged)"
	else
		log "npm ci ..."
		local started="$SECONDS"
		npm ci --no-audit --no-fund --loglevel=error
		echo "$want" >"$stamp"
		log "npm packages installed in $((SECONDS - started))s"
	fi
	local css="static/build/portal.css"
	if [ -f "$css" ] && [ -z "$(find static/scss "$stamp" -newer "$css" -print -quit)" ]; then
		log "CSS up to date ($css newer than static/scss)"
	else
		log "npm run build ..."
		npm run --silent build
	fi
}

# The Debian packages of the named groups (make, node, pdf, browser): see scripts/system-packages.sh.
system_packages() { "$ROOT/scripts/system-packages.sh" "$@"; }

install_all() {
	install_python
	install_node
}

cmd_install() {
	system_packages node
	install_all
}

# Probe PostgreSQL and Redis (starting the embedded PostgreSQL or switching to the Redis-less
# settings when needed); $1 is "run" (also creates the database) or "test".
EMBEDDED_PG_STARTED=""
stop_embedded_pg() {
	if [ -n "$EMBEDDED_PG_STARTED" ]; then
		EMBEDDED_PG_STARTED=""
		"$PY" scripts/services.py pg-stop || true
	fi
}
prepare_services() {
	local exports
	exports="$("$PY" scripts/services.py prepare --mode "$1")" || exit 1
	eval "$exports"
	if [ "${PORTAL_EMBEDDED_PG_STARTED:-}" = 1 ]; then
		EMBEDDED_PG_STARTED=1
		unset PORTAL_EMBEDDED_PG_STARTED
	fi
}

django_migrate() {
	log "manage.py migrate"
	"$PY" manage.py migrate --noinput  # creates the database cache table too (hubs 0004)
}

cmd_migrate() {
	install_python
	prepare_services run
	django_migrate
}

cmd_seed() {
	cmd_migrate
	log "manage.py seed_demo"
	"$PY" manage.py seed_demo
}

POLLER=""
cleanup_run() {
	if [ -n "$POLLER" ]; then kill "$POLLER" 2>/dev/null || true; fi
	stop_embedded_pg
}

cmd_run() {
	trap cleanup_run EXIT
	trap 'exit 130' INT TERM
	system_packages node pdf
	install_all
	prepare_services run
	django_migrate
	log "manage.py seed_demo --if-empty"
	"$PY" manage.py seed_demo --if-empty
	mkdir -p var
	export WEB_HOST WEB_PORT SITE_URL="${SITE_URL:-http://$WEB_HOST:$WEB_PORT}"
	local url="http://$WEB_HOST:$WEB_PORT/"
	echo
	echo "  IR Hub Portal: $url   (web + Celery worker + Celery beat; Ctrl-C stops all)"
	echo "  Demo accounts:"
	"$PY" manage.py demo_accounts | sed 's/^/    /'
	echo
	"$PY" scripts/services.py wait-http "${url}healthz" --since "$T0" &
	POLLER=$!
	# honcho reads no .env of its own: this script already did, and its fallbacks must win.
	honcho start --env /dev/null --procfile Procfile --app-root "$ROOT"
}

# The resilience tests start their own PostgreSQL, Redis, gunicorn and Celery processes (tests/chaos/stack.py),
# so they need no shared services; `make test` runs them too, with everything else.
cmd_chaos() {
	system_packages node pdf chaos
	install_all
	log "pytest tests/chaos $*"
	"$PY" -m pytest tests/chaos -p no:cacheprovider "$@"
}

cmd_test() {
	trap stop_embedded_pg EXIT
	system_packages node pdf browser chaos
	install_all
	prepare_services test
	log "pytest $*"
	local rc=0
	"$PY" -m pytest "$@" || rc=$?
	if [ "$rc" -eq 5 ]; then
		printf 'ERROR: pytest collected no tests (exit code 5); that counts as a failure.\n' >&2
		rc=1
	fi
	return "$rc"
}

# Each benchmark creates and drops its own throwaway database (portal_bench_*), prints its figures
# and writes them to benchmarks/results/<name>.txt. Arguments pick benchmarks by name.
cmd_bench() {
	trap stop_embedded_pg EXIT
	system_packages node pdf
	install_all
	prepare_services test
	local names=("$@") name rc=0 failed=() started
	if [ ${#names[@]} -eq 0 ]; then
		for name in benchmarks/*.py; do names+=("$(basename "$name" .py)"); done
	fi
	for name in "${names[@]}"; do
		name="$(basename "$name" .py)"
		[ -f "benchmarks/$name.py" ] || die "no benchmark benchmarks/$name.py"
	done
	for name in "${names[@]}"; do
		name="$(basename "$name" .py)"
		log "benchmarks/$name.py"
		started="$SECONDS"
		if "$PY" "benchmarks/$name.py"; then
			log "benchmarks/$name.py done in $((SECONDS - started))s; figures in benchmarks/results/$name.txt"
		else
			rc=1
			failed+=("$name")
		fi
		echo
	done
	[ "$rc" -eq 0 ] || printf 'ERROR: benchmarks failed: %s\n' "${failed[*]}" >&2
	return "$rc"
}

cmd_lint() {
	install_python
	local rc=0
	log "ruff check ."
	"$VENV/bin/ruff" check . || rc=1
	log "ruff format --check ."
	"$VENV/bin/ruff" format --check . || rc=1
	log "mypy ."
	"$VENV/bin/mypy" . || rc=1
	# The layer contract (docs/ARCHITECTURE.md, "Layers"): walks the imports, needs no database.
	log "pytest tests/portal/test_layers.py"
	"$VENV/bin/python" -m pytest tests/portal/test_layers.py -q -p no:cacheprovider || rc=1
	return "$rc"
}

cmd_pg_stop() {
	install_python >/dev/null
	"$PY" scripts/services.py pg-stop
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
install) cmd_install ;;
run) cmd_run ;;
test) cmd_test "$@" ;;
chaos) cmd_chaos "$@" ;;
bench) cmd_bench "$@" ;;
lint) cmd_lint ;;
migrate) cmd_migrate ;;
seed) cmd_seed ;;
pg-stop) cmd_pg_stop ;;
*)
	sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
	[ -z "$command" ] || [ "$command" = help ] || exit 2
	;;
esac
