#!/usr/bin/env bash
# scripts/deps.sh [run|test|cluster]: installs the Debian packages the portal needs that are missing.
#   run      build tools, libraries, nginx and MariaDB (what `make run` needs); the default
#   test     those plus chromium, Node.js/npm and cppcheck, and the npm packages of tests/
#   cluster  run's plus what scripts/cluster-test.sh needs: galera-4 (the replication provider
#            of the three MariaDB nodes), rsync (their state transfers), iproute2 (network
#            namespaces), wrk (the throughput figure) and Node.js (the load driver)
# Runs `apt-get update` once and `apt-get install -y` only when something is missing. Without root
# it lists what is missing and fails. Quiet when everything is there.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

mode=${1:-run}
case $mode in run | test | cluster) ;; *) die "usage: $0 [run|test|cluster]" ;; esac

# nettle-dev: MD4 for the NT hash FreeRADIUS checks Wi-Fi passwords against, MD5 for RFC 5176
# Disconnect-Requests; freeradius*: the RADIUS server make run and make test start (issue 14).
pkgs=(build-essential g++ make pkg-config libfcgi-dev libctemplate-dev default-libmysqlclient-dev
	libsodium-dev libcmocka-dev libcurl4-openssl-dev liboath-dev libqrencode-dev nginx mariadb-server mariadb-client curl
	nettle-dev freeradius freeradius-mysql freeradius-utils)
[[ $mode == test ]] && pkgs+=(chromium cppcheck tidy)
[[ $mode == cluster ]] && pkgs+=(galera-4 rsync iproute2 wrk)

installed() {
	[[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# quietly CMD...: runs CMD with its output kept aside, shown only if it fails.
quietly() {
	local log rc=0
	log=$(mktemp)
	"$@" >"$log" 2>&1 || rc=$?
	if ((rc)); then
		tail -n 30 "$log" >&2
		rm -f "$log"
		die "failed ($rc): $*"
	fi
	rm -f "$log"
}

missing=()
for p in "${pkgs[@]}"; do
	installed "$p" || missing+=("$p")
done
# Node.js may come from Debian (nodejs + npm) or from elsewhere (one nodejs package that also
# provides npm and conflicts with Debian's): what matters is that both commands are there.
if [[ $mode == test || $mode == cluster ]]; then
	command -v node >/dev/null 2>&1 || missing+=(nodejs)
	command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if ((${#missing[@]})); then
	if [[ $(id -u) != 0 ]]; then
		die "missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})"
	fi
	note "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	quietly apt-get update
	quietly apt-get install -y "${missing[@]}"
	# The packages start system services where an init system runs; the portal uses its own
	# instances under var/ (nginx, MariaDB, FreeRADIUS), so nothing here depends on those.
fi

# npm packages of the tests: installed when absent or older than the lock file.
if [[ $mode == test && (! -f $ROOT/tests/node_modules/.package-lock.json ||
	$ROOT/tests/package-lock.json -nt $ROOT/tests/node_modules/.package-lock.json) ]]; then
	if [[ -f $ROOT/tests/package-lock.json ]]; then
		quietly npm ci --prefix "$ROOT/tests" --no-audit --no-fund
	else
		quietly npm install --prefix "$ROOT/tests" --no-audit --no-fund
	fi
fi
