#!/usr/bin/env bash
# scripts/radius-bench.sh (make bench-radius; not part of make test): Access-Requests per second
# through FreeRADIUS's rlm_sql on the portal's database, against the same FreeRADIUS process
# answering from a `files` user (the reference server of conf/freeradius/sites/reference), in
# one run, on this machine.
#   1. builds (make -s all), starts a stack of its own in var/bench-radius (scripts/stack.sh,
#      build/ binaries, demo data) with FreeRADIUS on three free UDP ports: auth (rlm_sql),
#      accounting, and the reference server; no reject delay
#   2. for each of PAP and MS-CHAP (radclient computes the MS-CHAPv1 response from
#      MS-CHAP-Password), ROUNDS (3) interleaved rounds of: radclient -c REQUESTS -p PARALLEL
#      against rlm_sql (user@acme.test, NAS london-bridge), then against the files user;
#      every answer must be an Access-Accept
#   3. prints one line per server and method (the median round, requests/s) with the load
#      average before and after, and stops the stack
# Environment: RADIUS_BENCH_REQUESTS (5000), RADIUS_BENCH_PARALLEL (32), RADIUS_BENCH_ROUNDS (3).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

DIR=$ROOT/var/bench-radius
N=${RADIUS_BENCH_REQUESTS:-5000}
P=${RADIUS_BENCH_PARALLEL:-32}
ROUNDS=${RADIUS_BENCH_ROUNDS:-3}
SECRET=demo-radius-secret
FREERADIUS=$(command -v freeradius || echo /usr/sbin/freeradius)
if [[ ! -x $FREERADIUS ]] || ! command -v radclient >/dev/null; then
	die "FreeRADIUS is not installed (bash scripts/deps.sh run)"
fi

make -s -j"$(nproc)" all
# three consecutive free UDP ports on 127.0.0.1, and a free TCP port for the web side
read -r RP HP < <(node -e 'const d = require("dgram"), net = require("net");
const tryPorts = () => { const a = d.createSocket("udp4"); a.bind(0, "127.0.0.1", () => {
  const p = a.address().port, b = d.createSocket("udp4"), c = d.createSocket("udp4");
  const again = () => { a.close(); try { b.close(); } catch (e) {} tryPorts(); };
  b.once("error", again); c.once("error", again);
  b.bind(p + 1, "127.0.0.1", () => c.bind(p + 2, "127.0.0.1", () => {
    const s = net.createServer(); s.listen(0, "127.0.0.1", () => {
      console.log(p, s.address().port); s.close(); a.close(); b.close(); c.close(); }); })); }); };
tryPorts();')
REF=$((RP + 2))

stop() { "$ROOT/scripts/stack.sh" stop "$DIR" >/dev/null 2>&1 || true; }
trap stop EXIT
RADIUS_PORT=$RP RADIUS_REF_PORT=$REF RADIUS_REJECT_DELAY=0 BIN_DIR=build PROVISIONER=0 \
	"$ROOT/scripts/stack.sh" start "$DIR" "$HP" >&2
"$ROOT/scripts/radius.sh" status "$DIR" || die "FreeRADIUS is not running (see $DIR/log/radius.log)"

WORK=$DIR/radius-bench
mkdir -p "$WORK"
# user@acme.test's demo Wi-Fi password (sql/demo/001_demo.sql); the files user's is in
# conf/freeradius/users.reference
printf 'User-Name = "user@acme.test"\nUser-Password = "DemoWifi2026x"\nNAS-Identifier = "london-bridge"\n' >"$WORK/sql-pap"
printf 'User-Name = "user@acme.test"\nMS-CHAP-Password = "DemoWifi2026x"\nNAS-Identifier = "london-bridge"\n' >"$WORK/sql-mschap"
printf 'User-Name = "bench-files@reference.test"\nUser-Password = "Reference7Pass"\n' >"$WORK/files-pap"
printf 'User-Name = "bench-files@reference.test"\nMS-CHAP-Password = "Reference7Pass"\n' >"$WORK/files-mschap"

# run FILE PORT: requests per second of one radclient run; fails unless all N were accepted.
run() {
	local t0 t1 out acc
	t0=$(date +%s.%N)
	out=$(radclient -q -s -c "$N" -p "$P" -r 1 -t 5 -f "$WORK/$1" "127.0.0.1:$2" auth "$SECRET" 2>&1) || true
	t1=$(date +%s.%N)
	acc=$(sed -n 's/^[[:space:]]*Accepted[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p' <<<"$out")
	[[ ${acc:-0} == "$N" ]] || die "$1: ${acc:-0} of $N accepted: $out"
	awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", n / (b - a) }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A res=()
for ((i = 1; i <= ROUNDS; i++)); do
	for m in pap mschap; do
		res[sql-$m]+="$(run "sql-$m" "$RP") "
		res[files-$m]+="$(run "files-$m" "$REF") "
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

printf '\nFreeRADIUS %s, %s cores (%s), radclient -c %s -p %s, %s rounds (median; all rounds)\n' \
	"$("$FREERADIUS" -v 2>/dev/null | sed -n 's/.*Version \([0-9.]*\).*/\1/p' | head -n 1)" "$(nproc)" \
	"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" "$N" "$P" "$ROUNDS"
printf '%-34s %12s   %s\n' "server, method" "Access/s" "rounds"
for m in pap mschap; do
	for s in sql files; do
		label="rlm_sql (portal DB), ${m^^}"
		[[ $s == files ]] && label="files (reference), ${m^^}"
		printf '%-34s %12s   %s\n' "$label" "$(tr ' ' '\n' <<<"${res[$s-$m]}" | grep . | median)" "${res[$s-$m]}"
	done
done
printf 'load average before: %s, after: %s\n' "$load_before" "$load_after"
