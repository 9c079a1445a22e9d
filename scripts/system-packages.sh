#!/usr/bin/env bash
# The Debian packages the portal and its tests need: the one list, used by scripts/dev.sh and .ci/run.
#
# Usage: scripts/system-packages.sh GROUP...          make sure the groups' packages are there
#        scripts/system-packages.sh --list GROUP...   print their package names (no check)
#
#   make     GNU make, so that .ci/run can call `make test`
#   node     Node.js and npm: `npm ci` and the Sass build (make install, run, test, bench)
#   pdf      WeasyPrint's Pango, HarfBuzz's font subsetter, DejaVu and Noto fonts (make run, test, bench)
#   browser  Debian's chromium for the Playwright tests (make test only; never `playwright install`)
#   chaos    PostgreSQL's server binaries and redis-server, which the resilience tests (tests/chaos/)
#            start privately on free ports to restart, stop and kill (make test, make chaos)
#
# Each package is probed by what the portal uses from it (a command, a shared library, a file),
# not by dpkg's records: Node.js from NodeSource brings its own npm and conflicts with Debian's
# `npm` package, so asking apt for `npm` there would try to remove Node.js.
#
# When something is missing: as root with apt-get, one quiet `apt-get update` and one
# non-interactive `apt-get install --no-install-recommends` of what is missing (waiting for the
# dpkg lock if another install holds it); otherwise it stops at once and prints the one command to
# run. SYSTEM_PACKAGES=skip turns the check off (at your own risk: what needs a missing package fails).
set -euo pipefail

# group  package  probe (cmd:NAME on PATH, lib:SONAME known to ldconfig, file:PATH exists)
PACKAGES="
make     make                 cmd:make
node     nodejs               cmd:node
node     npm                  cmd:npm
pdf      libpango-1.0-0       lib:libpango-1.0.so.0
pdf      libpangoft2-1.0-0    lib:libpangoft2-1.0.so.0
pdf      libharfbuzz-subset0  lib:libharfbuzz-subset.so.0
pdf      fonts-dejavu-core    file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
pdf      fonts-noto-core      file:/usr/share/fonts/truetype/noto/NotoSansMalayalam-Regular.ttf
browser  chromium             file:/usr/bin/chromium
chaos    postgresql           file:/usr/lib/postgresql
chaos    redis-server         file:/usr/bin/redis-server
"
# libharfbuzz-subset0: WeasyPrint subsets the embedded fonts with it; without it, fontTools does
# the same job about twice as slowly. fonts-noto-core: Devanagari, Malayalam, Tamil and the other
# scripts DejaVu lacks (the booklet test checks Malayalam and Devanagari names).

log() { printf '==> %s\n' "$*" >&2; }
die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}

LDCONFIG_CACHE=""
present() { # probe
	local kind="${1%%:*}" what="${1#*:}"
	case "$kind" in
	cmd) command -v "$what" >/dev/null 2>&1 ;;
	file) [ -e "$what" ] ;;
	lib)
		if [ -z "$LDCONFIG_CACHE" ]; then
			LDCONFIG_CACHE="$({ command -v ldconfig >/dev/null 2>&1 && ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null || true)"
		fi
		awk -v name="$what" '$1 == name { found = 1 } END { exit !found }' <<<"$LDCONFIG_CACHE"
		;;
	*) die "unknown probe $1" ;;
	esac
}

# The rows of the named groups, each as "package probe".
rows_of() {
	local group package probe wanted
	while read -r group package probe; do
		[ -n "$group" ] || continue
		for wanted in "$@"; do
			if [ "$wanted" = "$group" ]; then
				echo "$package $probe"
			fi
		done
	done <<<"$PACKAGES"
}

main() {
	local list="" groups=() group
	if [ "${1:-}" = --list ]; then
		list=1
		shift
	fi
	[ $# -gt 0 ] || die "usage: $0 [--list] GROUP... (groups: make node pdf browser chaos)"
	for group in "$@"; do
		case "$group" in
		make | node | pdf | browser | chaos) groups+=("$group") ;;
		*) die "unknown group '$group' (groups: make node pdf browser chaos)" ;;
		esac
	done
	local package probe missing=()
	while read -r package probe; do
		if [ -n "$list" ]; then
			echo "$package"
		elif ! present "$probe"; then
			missing+=("$package")
		fi
	done < <(rows_of "${groups[@]}")
	[ -z "$list" ] || return 0

	if [ ${#missing[@]} -eq 0 ]; then
		log "System packages for ${groups[*]}: present"
		return 0
	fi
	if [ "${SYSTEM_PACKAGES:-}" = skip ]; then
		log "SYSTEM_PACKAGES=skip: not installing ${missing[*]} (what needs them will fail)"
		return 0
	fi
	if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		die "missing system packages for ${groups[*]}: ${missing[*]}
       Install them with:

           sudo apt-get install --no-install-recommends ${missing[*]}

       (Debian/Ubuntu package names; on another system install what provides them,
       or set SYSTEM_PACKAGES=skip to go on without them.)"
	fi
	log "Installing system packages for ${groups[*]}: ${missing[*]} (apt-get) ..."
	local started="$SECONDS" lock=(-o DPkg::Lock::Timeout=600)
	export DEBIAN_FRONTEND=noninteractive
	apt-get "${lock[@]}" update -qq
	apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	LDCONFIG_CACHE=""
	local still=()
	while read -r package probe; do
		present "$probe" || still+=("$package")
	done < <(rows_of "${groups[@]}")
	[ ${#still[@]} -eq 0 ] || die "still missing after apt-get install: ${still[*]}"
	log "System packages installed in $((SECONDS - started))s: ${missing[*]}"
}

main "$@"
