#!/usr/bin/env bash
# scripts/cluster-test.sh (make cluster-test; not part of make test: it takes about 2.5 minutes):
# the portal scaled out on one Linux machine, under faults (issue 15, SPEC 11).
#
#   bridge pt15br0, subnet 10.213.7.0/24, one network namespace per machine:
#     pt15-front  10.213.7.10  front nginx (:8080 both app hosts, :8081 app1 alone), the load
#     pt15-app1   10.213.7.21  nginx :8080 + build/portal + build/mailer + build/provisioner
#     pt15-app2   10.213.7.22  the same
#     pt15-g1..3  10.213.7.31-33  MariaDB with Galera (conf/galera/node.cnf.in)
#   Each app host lists all three nodes in db_host, its own first (app1: g1, app2: g2).
#   The subnet exists only on the bridge and in those namespaces: no address on the bridge in
#   the root namespace, no default route anywhere, nothing leaves the machine.
#
# Steps: figures (list-page throughput through the front with one and with two app hosts,
# wrk; the write rate on the cluster and on a single MariaDB, mariadb-slap), then a bounded
# load of reads and writes (tests/cluster/load.js) during which g2 is killed with SIGKILL,
# then app host 2 (every process of its namespace), then both are started again. Then it
# asserts: every acknowledged write is on all three nodes (and the nodes' tables are equal),
# every email was delivered exactly once (the maildirs of both hosts against the outbox),
# sessions kept working across hosts, and no error lasted longer than the failover time it
# prints. Everything it started is stopped by PID on exit (also on failure or Ctrl-C), the
# namespaces and the bridge are deleted, and the end checks that nothing is left.
# Data under var/cluster (wiped at the start). Needs root (ip netns). Env: LOAD_SECONDS (60).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

T_START=$SECONDS
[[ $(id -u) == 0 ]] || die "needs root (network namespaces)"
CL=$ROOT/var/cluster
BR=pt15br0
NET=10.213.7
FRONT=$NET.10
declare -A ADDR=([front]=$NET.10 [app1]=$NET.21 [app2]=$NET.22 [g1]=$NET.31 [g2]=$NET.32 [g3]=$NET.33)
HOSTS=(front app1 app2 g1 g2 g3)
NODES=(g1 g2 g3)
PEERS="$NET.31,$NET.32,$NET.33"
CONF=$ROOT/conf/portal.conf
LOAD_SECONDS=${LOAD_SECONDS:-60}
RESULTS=$CL/results
FAILS=0

ns() { echo "pt15-$1"; }
in_ns() { local h=$1; shift; ip netns exec "$(ns "$h")" "$@"; }
fail_check() { printf 'FAIL: %s\n' "$*"; FAILS=$((FAILS + 1)); }
pass_check() { printf 'ok: %s\n' "$*"; }

# ------------------------------------------------------------------ processes (by PID only)
# Every process is started through `ip netns exec NS PROGRAM ...` (which becomes PROGRAM), its
# PID written to CL/pids/NAME with the pattern its command line must hold.
mkdir -p "$CL"
spawn() { # spawn NAME PATTERN LOG HOST PROGRAM ARGS...
	local name=$1 pat=$2 log=$3 host=$4
	shift 4
	ip netns exec "$(ns "$host")" "$@" </dev/null >>"$log" 2>&1 &
	local pid=$! i
	echo "$pid $pat" >"$CL/pids/$name"
	disown
	# Until the child has exec'd, its command line is this script's: a check of it then (alive)
	# would take a program that is starting for one that exited (seen on a loaded machine: a
	# node "exited while starting" with nothing in its log, and the teardown stopped the rest).
	for ((i = 0; i < 200; i++)); do
		pid_ours "$pid" "$pat" || [[ ! -e /proc/$pid ]] && return 0
		sleep 0.05
	done
}
stop_named() { # stop_named NAME [SIGNAL]
	local f=$CL/pids/$1 pid pat
	[[ -r $f ]] || return 0
	read -r pid pat <"$f"
	if pid_ours "$pid" "$pat"; then
		kill "-${2:-TERM}" "$pid" 2>/dev/null || true
		wait_gone "$pid" "$pat" 20 || { kill -KILL "$pid" 2>/dev/null || true; wait_gone "$pid" "$pat" 5 || true; }
	fi
	rm -f "$f"
}
alive() { local pid pat; [[ -r $CL/pids/$1 ]] && read -r pid pat <"$CL/pids/$1" && pid_ours "$pid" "$pat"; }

teardown() {
	local rc=$? f h name
	set +e
	trap - EXIT INT TERM
	echo "== tearing down"
	# Whatever is left in our namespaces (nginx workers among them): by PID, each one checked
	# to be inside one of our namespaces.
	for f in "$CL"/pids/*; do [[ -e $f ]] && stop_named "${f##*/}" TERM; done
	for h in "${HOSTS[@]}"; do
		if ip netns list 2>/dev/null | grep -qx "$(ns "$h")\( .*\)\?"; then
			for pid in $(ip netns pids "$(ns "$h")" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
		fi
	done
	sleep 0.5
	for h in "${HOSTS[@]}"; do
		ip netns del "$(ns "$h")" 2>/dev/null
		ip link del "veth-$h" 2>/dev/null
	done
	ip link del "$BR" 2>/dev/null
	# Nothing left behind: no namespace, no link, no process of ours.
	local left=()
	for h in "${HOSTS[@]}"; do
		ip netns list 2>/dev/null | grep -q "^$(ns "$h")\b" && left+=("namespace $(ns "$h")")
		ip link show "veth-$h" >/dev/null 2>&1 && left+=("link veth-$h")
	done
	ip link show "$BR" >/dev/null 2>&1 && left+=("bridge $BR")
	for p in /proc/[0-9]*; do
		name=${p#/proc/}
		[[ $name == "$$" || $name == "$BASHPID" ]] && continue
		pid_ours "$name" "$CL/" && left+=("process $name: $(tr '\0' ' ' <"$p/cmdline" | head -c 120)")
	done
	if ((${#left[@]})); then
		printf 'left behind: %s\n' "${left[@]}"
		rc=1
	else
		echo "teardown: no namespace, link or process left"
	fi
	echo "cluster-test: $((SECONDS - T_START)) s"
	exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ network
net_up() {
	local h
	for h in "${HOSTS[@]}"; do ip netns del "$(ns "$h")" 2>/dev/null || true; ip link del "veth-$h" 2>/dev/null || true; done
	ip link del "$BR" 2>/dev/null || true
	ip link add "$BR" type bridge
	ip link set "$BR" up
	for h in "${HOSTS[@]}"; do
		ip netns add "$(ns "$h")"
		ip link add "veth-$h" type veth peer name eth0 netns "$(ns "$h")"
		ip link set "veth-$h" master "$BR" up
		in_ns "$h" ip addr add "${ADDR[$h]}/24" dev eth0
		in_ns "$h" ip link set eth0 up
		in_ns "$h" ip link set lo up
	done
	# Nothing routed outside the subnet (reachability shows when the nodes form the cluster).
	[[ -z $(in_ns app1 ip route show default) ]] || die "a default route in a namespace"
}

# ------------------------------------------------------------------ Galera nodes
SECRETS=$ROOT/$(conf_get secrets_file "$CONF")
DB_PW=$(conf_get db_password "$SECRETS")
DB_OS_USER=mysql
id "$DB_OS_USER" >/dev/null 2>&1 || die "no OS user $DB_OS_USER (the mariadb-server package creates it)"
client() { local n=$1; shift; mariadb --no-defaults --socket="$CL/$n/run/mysqld.sock" --user=root "$@"; }
q() { client "$1" --batch --skip-column-names portal -e "$2"; }
status_of() { client "$1" --batch --skip-column-names -e "SHOW STATUS LIKE '$2'" 2>/dev/null | cut -f2; }

render_node() {
	local n=$1 d=$CL/$1
	# The nodes run as mysql: the rsync daemon of an SST started by root would switch to
	# nobody, who may not write the joiner's files.
	mkdir -p "$d/run" "$d/log"
	sed -e "s|@NAME@|$n|g" -e "s|@ADDR@|${ADDR[$n]}|g" -e "s|@PEERS@|$PEERS|g" -e "s|@DIR@|$d|g" \
		-e "s|@USER_LINE@|user = $DB_OS_USER|g" conf/galera/node.cnf.in >"$d/my.cnf"
}

# node_start NODE [ARGS...]: starts mariadbd in the node's namespace; waits until it is Synced.
node_start() {
	local n=$1 d=$CL/$1 pos
	shift
	# After a kill -9 the node's position is in InnoDB only: --wsrep-recover reads it, so that
	# the node asks for the write sets it missed (IST) instead of a full copy (SST).
	if [[ -d $d/db/mysql && $* != *--wsrep-new-cluster* ]]; then
		mariadbd --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/log/recover.log" >/dev/null 2>&1 || true
		pos=$(sed -n 's/.*WSREP: Recovered position: *\([0-9a-f-]*:-\?[0-9]*\).*/\1/p' "$d/log/recover.log" | tail -n 1)
		[[ -n $pos ]] && set -- "--wsrep_start_position=$pos" "$@"
	fi
	spawn "db-$n" "--defaults-file=$d/my.cnf" "$d/log/mariadbd.out" "$n" \
		mariadbd --defaults-file="$d/my.cnf" "$@"
	local i
	for ((i = 0; i < 600; i++)); do
		[[ $(status_of "$n" wsrep_local_state_comment) == Synced ]] && return 0
		alive "db-$n" || { tail_log "$d/log/mariadb.log" 30; die "node $n exited while starting"; }
		sleep 0.2
	done
	tail_log "$d/log/mariadb.log" 30
	die "node $n not Synced within 120 s"
}

cluster_up() {
	local n
	for n in "${NODES[@]}"; do
		render_node "$n"
		mariadb-install-db --no-defaults --datadir="$CL/$n/db" --skip-test-db --user="$DB_OS_USER" \
			--auth-root-authentication-method=socket --skip-name-resolve >"$CL/$n/log/install.log" 2>&1 ||
			{ tail_log "$CL/$n/log/install.log"; die "mariadb-install-db failed for $n"; }
		chown -R "$DB_OS_USER:" "$CL/$n"
	done
	node_start g1 --wsrep-new-cluster
	client g1 -e "CREATE DATABASE portal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER 'portal'@'$NET.%' IDENTIFIED BY '$DB_PW';
		GRANT ALL PRIVILEGES ON portal.* TO 'portal'@'$NET.%';"
	bash scripts/db.sh migrate "$CL/g1"
	bash scripts/db.sh demo "$CL/g1"
	node_start g2
	node_start g3
	[[ $(status_of g1 wsrep_cluster_size) == 3 ]] || die "the cluster has $(status_of g1 wsrep_cluster_size) nodes, not 3"
	echo "cluster: 3 nodes Synced, SST method $(client g1 -N -e 'SELECT @@wsrep_sst_method')"
}

# ------------------------------------------------------------------ app hosts and the front
app_start() {
	local h=$1 d=$CL/$1 own=$2 prog hosts
	# Its own node first, then the others.
	hosts="${ADDR[$own]},$(tr ',' '\n' <<<"$PEERS" | grep -vx "${ADDR[$own]}" | paste -sd,)"
	mkdir -p "$d/run" "$d/log" "$d/mail/new" "$d/mail/cur" "$d/mail/tmp" "$d/nginx/logs" "$d/nginx/tmp"
	rm -f "$d/run/portal.sock"
	for prog in portal mailer provisioner; do
		spawn "$h-$prog" "-o listen=$d/run/portal.sock" "$d/log/$prog.log" "$h" \
			"$ROOT/build/$prog" -c "$CONF" -o "listen=$d/run/portal.sock" -o db_socket= \
			-o "db_host=$hosts" -o db_port=3306 -o "maildir=$d/mail" -o "base_url=http://$FRONT:8080" \
			-o threads=4
	done
	local user_line=""
	[[ $(id -u) == 0 ]] && user_line="user root;"
	sed -e "s|@PORT@|8080|g" -e "s|@ROOT@|$ROOT|g" -e "s|@FCGI@|unix:$d/run/portal.sock|g" \
		-e "s|@USER_LINE@|$user_line|g" -e "s|listen 127.0.0.1:8080;|listen ${ADDR[$h]}:8080;|" \
		-e "s|server_name localhost;|server_name localhost;\n        add_header X-App-Host $h always;|" \
		conf/nginx.conf.in >"$d/nginx/nginx.conf"
	grep -q "listen ${ADDR[$h]}:8080;" "$d/nginx/nginx.conf" || die "conf/nginx.conf.in changed shape"
	spawn "$h-nginx" "-c $d/nginx/nginx.conf" "$d/nginx/logs/stdout.log" "$h" \
		nginx -p "$d/nginx/" -c "$d/nginx/nginx.conf" -e "$d/nginx/logs/error.log" -g 'daemon off;'
	wait_http "$h" "http://${ADDR[$h]}:8080/healthz"
}

front_start() {
	local d=$CL/front user_line=""
	[[ $(id -u) == 0 ]] && user_line="user root;"
	mkdir -p "$d/logs" "$d/tmp"
	sed -e "s|@ADDR@|$FRONT|g" -e "s|@APP1@|${ADDR[app1]}|g" -e "s|@APP2@|${ADDR[app2]}|g" \
		-e "s|@USER_LINE@|$user_line|g" conf/galera/front-nginx.conf.in >"$d/nginx.conf"
	spawn front-nginx "-c $d/nginx.conf" "$d/logs/stdout.log" front \
		nginx -p "$d/" -c "$d/nginx.conf" -e "$d/logs/error.log" -g 'daemon off;'
	wait_http front "http://$FRONT:8080/healthz"
}

wait_http() { # wait_http HOST URL: 200 within 30 s, asked from the front namespace
	local i code
	for ((i = 0; i < 300; i++)); do
		code=$(in_ns front curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$2" 2>/dev/null) || true
		[[ $code == 200 ]] && return 0
		sleep 0.1
	done
	tail_log "$CL/$1/log/portal.log"
	die "$2 did not answer 200 within 30 s (last: ${code:-none})"
}

# app_kill HOST: kill -9 every process in the host's namespace (nginx, portal, mailer,
# provisioner): the machine is gone as far as anyone can tell.
app_kill() {
	local h=$1 pid
	for pid in $(ip netns pids "$(ns "$h")"); do kill -KILL "$pid" 2>/dev/null || true; done
	for pid in portal mailer provisioner nginx; do rm -f "$CL/pids/$h-$pid"; done
}

stamp() { date +%s%3N; }

# ------------------------------------------------------------------ figures
figures() {
	local cookie one two
	echo "== figures (2 cores shared with three other engineers' builds and tests: indicative only)"
	cookie=$(in_ns front node tests/cluster/load.js --cookie "http://$FRONT:8080" admin@acme.test)
	[[ -n $cookie ]] || die "could not sign in through the front"
	wrk_rate() { in_ns front wrk -t2 -c8 -d8s -H "Cookie: $cookie" "$1" | sed -n 's/^Requests\/sec: *//p'; }
	one=$(wrk_rate "http://$FRONT:8081/users")
	two=$(wrk_rate "http://$FRONT:8080/users")
	printf 'list page /users (wrk -t2 -c8 -d8s, through the front nginx): one app host %s req/s, two app hosts %s req/s\n' "$one" "$two"
	echo "$one $two" >"$RESULTS/wrk"

	# The same write transaction, 4 clients: on the cluster (through g1; each COMMIT is
	# certified by all three nodes) and on a single MariaDB without Galera (same settings).
	local w=$CL/single n=2000
	mkdir -p "$w/run" "$w/log"
	mariadb-install-db --no-defaults --datadir="$w/db" --skip-test-db --user=root \
		--auth-root-authentication-method=socket >"$w/log/install.log" 2>&1 || die "install of the single server failed"
	spawn single-db "--datadir=$w/db " "$w/log/mariadbd.out" g1 \
		mariadbd --no-defaults --datadir="$w/db" --socket="$w/run/mysqld.sock" --pid-file="$w/run/mysqld.pid" \
		--skip-networking --log-error="$w/log/mariadb.log" --user=root --innodb-buffer-pool-size=96M \
		--innodb-log-file-size=48M --innodb-flush-log-at-trx-commit=2 --binlog-format=ROW \
		--thread-handling=pool-of-threads --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
	local i
	for ((i = 0; i < 300; i++)); do
		mariadb-admin --no-defaults --socket="$w/run/mysqld.sock" --user=root ping >/dev/null 2>&1 && break
		sleep 0.1
	done
	client g1 -N -e "SELECT 1" >/dev/null
	mkdir -p "$w/dump"
	# Same schema and data: a dump of the cluster's database.
	mariadb-dump --no-defaults --socket="$CL/g1/run/mysqld.sock" --user=root --single-transaction \
		--databases portal >"$w/dump/portal.sql"
	mariadb --no-defaults --socket="$w/run/mysqld.sock" --user=root <"$w/dump/portal.sql"
	local query="START TRANSACTION; UPDATE users SET job_title = CONCAT('slap ', FLOOR(RAND() * 1000)) WHERE id = 1 + FLOOR(RAND() * 250); INSERT INTO audit_log (operator_id, occupier_id, actor_label, action, subject_label) VALUES (1, 1, 'slap', 'bench.write', 'slap'); COMMIT"
	slap() {
		mariadb-slap --no-defaults --socket="$1" --user=root --create-schema=portal --no-drop \
			--concurrency=4 --number-of-queries=$((n * 4)) --iterations=1 --delimiter=';' --query="$query" 2>&1 |
			sed -n 's/.*Average number of seconds to run all queries: *\([0-9.]*\).*/\1/p'
	}
	local tg ts
	tg=$(slap "$CL/g1/run/mysqld.sock")
	ts=$(slap "$w/run/mysqld.sock")
	stop_named single-db TERM
	awk -v n="$n" -v g="$tg" -v s="$ts" 'BEGIN {
		if (g > 0 && s > 0) printf "writes (transaction: UPDATE users + INSERT audit_log, 4 clients, %d in all): Galera 3 nodes %.0f tx/s, single MariaDB %.0f tx/s\n", n, n / g, n / s
		else print "writes: mariadb-slap gave no timing (galera " g " s, single " s " s)" }'
	echo "$n $tg $ts" >"$RESULTS/slap"
}

# ------------------------------------------------------------------ the run
"$ROOT/scripts/deps.sh" cluster || die "installing the dependencies failed"
echo "== set-up in $CL"
[[ -x build/portal && -x build/mailer && -x build/provisioner ]] || die "build first (make all)"
for p in /proc/[0-9]*; do pid_ours "${p#/proc/}" "$CL/" && die "a process of an earlier run still uses $CL (pid ${p#/proc/})"; done
rm -rf "$CL"
mkdir -p "$CL/pids" "$RESULTS"
net_up
cluster_up
app_start app1 g1
app_start app2 g2
front_start
echo "front: http://$FRONT:8080/ (app1 ${ADDR[app1]}, app2 ${ADDR[app2]})"
figures

echo "== load for ${LOAD_SECONDS} s with faults"
BASE_OUTBOX=$(q g1 "SELECT IFNULL(MAX(id), 0) FROM mail_outbox")
in_ns front node tests/cluster/load.js --run "http://$FRONT:8080" "$LOAD_SECONDS" "$RESULTS/load.json" \
	>"$RESULTS/load.log" 2>&1 &
LOAD_PID=$!
# A sampler: twice a second, each node's state, queues of write sets to receive and to send,
# flow-control messages sent so far, and any statement running for 2 s or more (with its
# state): what to read when a request stalls. A node that does not answer is skipped.
(
	set +e
	gs() { echo "(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = '$1')"; }
	while kill -0 "$LOAD_PID" 2>/dev/null; do
		for n in "${NODES[@]}"; do
			[[ -S $CL/$n/run/mysqld.sock ]] || continue
			timeout 2 mariadb --no-defaults --socket="$CL/$n/run/mysqld.sock" --user=root --batch \
				--skip-column-names --connect-timeout=1 -e "SELECT '$(stamp)', '$n',
				$(gs WSREP_LOCAL_STATE_COMMENT), $(gs WSREP_LOCAL_RECV_QUEUE), $(gs WSREP_LOCAL_SEND_QUEUE),
				$(gs WSREP_FLOW_CONTROL_SENT), $(gs WSREP_FLOW_CONTROL_PAUSED),
				IFNULL((SELECT GROUP_CONCAT(CONCAT(id, ' ', user, ' ', time_ms DIV 1000, 's ', IFNULL(state, ''), ': ', LEFT(IFNULL(info, ''), 70)) SEPARATOR ' | ')
				 FROM information_schema.PROCESSLIST WHERE command NOT IN ('Sleep', 'Daemon') AND time_ms >= 2000 AND info IS NOT NULL), '')" 2>/dev/null
		done
		sleep 0.5
	done
) >"$RESULTS/monitor.log" 2>&1 &
sleep 12
echo "$(stamp) kill -9 galera node g2" | tee -a "$RESULTS/faults"
stop_named db-g2 KILL
sleep 12
echo "$(stamp) kill -9 app host app2" | tee -a "$RESULTS/faults"
app_kill app2
sleep 12
echo "$(stamp) start g2" | tee -a "$RESULTS/faults"
node_start g2
echo "$(stamp) g2 Synced (IST: $(grep -c 'IST received\|Receiving IST' "$CL/g2/log/mariadb.log" || true) IST line(s), SST: $(grep -c 'SST complete\|rsync SST completed' "$CL/g2/log/mariadb.log" || true))" | tee -a "$RESULTS/faults"
echo "$(stamp) start app2" | tee -a "$RESULTS/faults"
app_start app2 g2
echo "$(stamp) app2 serving" | tee -a "$RESULTS/faults"
wait "$LOAD_PID" || { tail -n 30 "$RESULTS/load.log"; die "the load driver failed"; }
# Statements that ran 2 s or more during the load, and what the programs logged about their
# servers (lost, conflicts, slow statements): read these when a request stalled.
awk -F'\t' '$8 != ""' "$RESULTS/monitor.log" | head -n 12 | sed 's/^/slow statement: /' || true
cat "$CL"/app*/log/*.log >"$RESULTS/programs.log"
grep -h '^db: .*no answer' "$RESULTS/programs.log" | sort | head -n 10 | sed 's/^/program: /' || true
printf 'programs (both hosts) logged: %s servers that did not answer within db_timeout, %s lost (closed or refused), %s failed connects, %s statements of 2 s or more, %s conflicts\n' \
	"$(grep -c '^db: .*no answer' "$RESULTS/programs.log")" "$(grep -c '^db: .*: server lost' "$RESULTS/programs.log")" \
	"$(grep -c '^db: .*connect failed' "$RESULTS/programs.log")" "$(grep -c '^db: .*slow statement' "$RESULTS/programs.log")" \
	"$(grep -c '^db: .*conflict' "$RESULTS/programs.log")" || true
tail -n 20 "$RESULTS/load.log"

echo "== checks"
# The cluster settles: three nodes, all Synced, the same last committed write set.
for ((i = 0; i < 100; i++)); do
	s=""
	for n in "${NODES[@]}"; do s+="$(status_of "$n" wsrep_local_state_comment)/$(status_of "$n" wsrep_cluster_size) "; done
	[[ $s == "Synced/3 Synced/3 Synced/3 " ]] && break
	sleep 0.3
done
[[ $s == "Synced/3 Synced/3 Synced/3 " ]] && pass_check "3 nodes Synced" || fail_check "nodes: $s"

# The outbox drains (leases of a killed host's mailer end after 10 s).
for ((i = 0; i < 120; i++)); do
	left=$(q g1 "SELECT COUNT(*) FROM mail_outbox WHERE id > $BASE_OUTBOX AND sent_at IS NULL")
	((left == 0)) && break
	sleep 0.5
done
((left == 0)) && pass_check "outbox delivered" || fail_check "$left emails still in the outbox"
sleep 2

# Conflicts the cluster resolved (each one a transaction the program ran again, or a statement
# the server retried): certification failures and transactions aborted by a replicated write.
conflicts=""
for n in "${NODES[@]}"; do
	conflicts+="$n: $(status_of "$n" wsrep_local_cert_failures) certification failures, $(status_of "$n" wsrep_local_bf_aborts) brute-force aborts, $(status_of "$n" Innodb_row_lock_waits) row lock waits (longest $(status_of "$n" Innodb_row_lock_time_max) ms); "
done
echo "conflicts since each node's start: $conflicts" | tee "$RESULTS/conflicts"
retried=$(cat "$CL"/app*/log/portal.log 2>/dev/null | grep -c "failed (503)" || true)
echo "requests answered 503 by the app hosts (database unavailable or a conflict in all 6 tries): $retried"

# Every acknowledged write on all three nodes (and each write not acknowledged all there or
# all absent), and the nodes' tables equal.
node tests/cluster/load.js --expect "$RESULTS/load.json" >"$RESULTS/expect.sql"
for n in "${NODES[@]}"; do
	got=$(client "$n" --batch --skip-column-names portal <"$RESULTS/expect.sql" 2>"$RESULTS/expect-$n.err") ||
		got="query failed: $(head -c 300 "$RESULTS/expect-$n.err")"
	if [[ $got == "missing 0" ]]; then
		pass_check "every acknowledged write is on $n; each Add user not acknowledged is there whole (user, Wi-Fi account, email) or not at all"
	else
		fail_check "$n: $got"
	fi
done
# Row by row, ordered by primary key: the nodes hold the same data.
same=1
for t in users wifi_accounts occupier_versions mail_outbox audit_log sessions phone_numbers provisioning_jobs; do
	for n in "${NODES[@]}"; do
		client "$n" --batch --skip-column-names portal -e "SELECT * FROM $t ORDER BY 1, 2" >"$RESULTS/rows-$t-$n"
	done
	for n in g2 g3; do
		if ! cmp -s "$RESULTS/rows-$t-g1" "$RESULTS/rows-$t-$n"; then
			same=0
			fail_check "table $t differs between g1 and $n: $(diff "$RESULTS/rows-$t-g1" "$RESULTS/rows-$t-$n" | head -n 6 | cut -c1-200 | paste -sd' ')"
		fi
	done
done
((same)) && pass_check "users, wifi_accounts, occupier_versions, mail_outbox, audit_log, sessions, phone_numbers, provisioning_jobs: the same rows on the three nodes"

# Mail: each outbox row of the run in exactly one file of the two hosts' maildirs, none extra.
sent_ids=$(q g1 "SELECT id FROM mail_outbox WHERE id > $BASE_OUTBOX AND sent_at IS NOT NULL ORDER BY id")
file_ids=$(find "$CL"/app1/mail/new "$CL"/app2/mail/new -name '*.eml' -printf '%f\n' | cut -d. -f1 | awk -v b="$BASE_OUTBOX" '$1 > b' | sort -n)
dups=$(uniq -d <<<"$file_ids" | paste -sd,)
n_sent=$(grep -c . <<<"$sent_ids" || true)
n_files=$(grep -c . <<<"$file_ids" || true)
[[ -z $dups ]] && pass_check "no email delivered twice" || fail_check "delivered twice: outbox ids $dups"
if [[ $(sort -nu <<<"$file_ids") == "$sent_ids" ]]; then
	pass_check "$n_sent emails queued during the load, $n_files files in the two maildirs: none lost"
else
	fail_check "outbox ids sent vs files: $(diff <(echo "$sent_ids") <(sort -nu <<<"$file_ids") | head -n 10 | paste -sd' ')"
fi
left_tmp=$(find "$CL"/app1/mail/tmp "$CL"/app2/mail/tmp -type f | wc -l)
((left_tmp == 0)) && pass_check "no message left in tmp/" || fail_check "$left_tmp files left in tmp/"
# Each acknowledged Wi-Fi creation queued its password email, which was delivered.
node tests/cluster/load.js --expect-wifi-mail "$RESULTS/load.json" "$BASE_OUTBOX" >"$RESULTS/expect-wifi.sql"
missing_wifi=$(client g1 --batch --skip-column-names portal <"$RESULTS/expect-wifi.sql" 2>&1 | head -c 300)
[[ $missing_wifi == 0 ]] && pass_check "every acknowledged Wi-Fi creation's email was delivered" || fail_check "$missing_wifi Wi-Fi emails missing"

# The driver's own verdicts: sessions across hosts, error windows (failover times).
node tests/cluster/load.js --report "$RESULTS/load.json" "$RESULTS/faults" | tee "$RESULTS/report" | sed 's/^/  /'
while IFS= read -r line; do
	case $line in OK:*) pass_check "${line#OK: }" ;; FAIL:*) fail_check "${line#FAIL: }" ;; esac
done <"$RESULTS/report"

echo
echo "== figures of this run (2 cores, shared with three other engineers: indicative only)"
read -r one two <"$RESULTS/wrk"
echo "list page /users: 1 app host $one req/s, 2 app hosts $two req/s (wrk -t2 -c8 -d8s via the front)"
read -r n tg ts <"$RESULTS/slap"
awk -v n="$n" -v g="$tg" -v s="$ts" 'BEGIN { if (g > 0 && s > 0) printf "write transactions: Galera (3 nodes) %.0f/s, single MariaDB %.0f/s (mariadb-slap, 4 clients)\n", n / g, n / s }'
grep '^failover' "$RESULTS/report" || true
cat "$RESULTS/conflicts"
if ((FAILS)); then
	echo "cluster-test: $FAILS check(s) failed (logs in $CL)"
	exit 1
fi
echo "cluster-test: all checks passed"
