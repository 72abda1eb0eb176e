#!/usr/bin/env bash
# scripts/bench.sh (what `make bench` calls; not part of `make test`): benchmarks of the portal
# on this machine, each against a reference measured in the same run. One run, no manual
# steps, about 7 minutes (plus about 11 minutes the first time, to make the data).
#   1. builds the optimized programs (make -s all), installs wrk when missing, compiles the
#      two small tools of bench/ (argon2: one password hash alone; qtime: a page's SQL timed
#      through the MariaDB client) into var/bench/bin
#   2. a stack of its own in var/bench on a free port (scripts/stack.sh, build/ binaries),
#      then the data of bench/data.sql once (1,000 occupiers, 1,000,000 users, one occupier
#      with 10,000): table bench_data records it, later runs reuse it; a half-made data set
#      (interrupted run) is thrown away and made again
#   3. a second nginx (var/bench/nginx-bench, same config as the stack's, plus one static
#      location serving the saved HTML of the User management page) in front of the same
#      FastCGI socket: every figure goes through it
#   4. wrk runs (scripts in bench/wrk/), BENCH_SECONDS (10) each:
#        User management list (signed in, page 1 of the 10,000-user occupier) vs the same
#        bytes as a static file, 16 and 64 connections, in BENCH_ROUNDS interleaved rounds of
#        BENCH_SECONDS / 2; the filters (a two-letter query and a full email) on that list
#        and on the operator's search (/platform/users) over the 1,000,000 users: the SQL
#        time as the page sees it (qtime, 200 runs; for the operator's search, whose
#        statements depend on what the grams' rows say, MariaDB's CPU, rows read and
#        statements per request instead) and the page at 1 connection; My
#        profile and its save (POST with CSRF) at 16 connections; sign-in vs the cost of
#        one argon2id hash; "Add multiple users" with 10,000 rows when the
#        import page exists; resident memory of each FastCGI process before and after
#        100,000 requests
#   5. prints the table and writes it, with the machine and the command, to bench/RESULTS.md
#      (the part of that file after the "analysis" marker line is kept); stops what it started
# Environment: BENCH_SECONDS (10) per wrk run, BENCH_ROUNDS (5), BENCH_MEM_REQUESTS (100000) and
# BENCH_MEM_SECONDS (300, a bound on that run's time).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

DIR=$ROOT/var/bench
# The million users (~0.6 GB with their indexes) and their n-gram index (user_grams, sql/016:
# 1.6 GB; its occupier index ix_ug_occ, sql/025: 0.9 GB) stay in memory, as on a server sized
# for them.
export DB_BUFFER_POOL=${DB_BUFFER_POOL:-4G}
BIN=$DIR/bin
OUT=$DIR/out
WWW=$DIR/www
BNGX=$DIR/nginx-bench
RESULTS=$ROOT/bench/RESULTS.md
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-5}
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a whole number (got $ROUNDS)"
MEM_REQUESTS=${BENCH_MEM_REQUESTS:-100000}
MARKER='<!-- analysis: everything below this line is kept by scripts/bench.sh -->'
STARTED=$SECONDS

section() { printf '\n== %s\n' "$*" >&2; }

# ------------------------------------------------------------------------------ set-up
section "build"
"$ROOT/scripts/deps.sh" run
if ! command -v wrk >/dev/null; then
	[[ $(id -u) == 0 ]] || die "wrk is missing: sudo apt-get install wrk"
	apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null || die "installing wrk failed"
fi
make -s all
mkdir -p "$BIN" "$OUT" "$WWW/bench" "$BNGX/logs" "$BNGX/tmp"
cc -O2 -Wall -o "$BIN/argon2" bench/argon2.c -lsodium
cc -O2 -Wall -I/usr/include/mariadb -o "$BIN/qtime" bench/qtime.c -lmariadb
# The PHP peer (bench/php/list.php): PHP 8.2 with FPM, opcache and mysqli, installed here only.
PHP_FPM=php-fpm8.2
if ! command -v "$PHP_FPM" >/dev/null || ! php8.2 -m 2>/dev/null | grep -qx mysqli || ! php8.2 -m 2>/dev/null | grep -qx mbstring; then
	[[ $(id -u) == 0 ]] || die "PHP-FPM is missing: sudo apt-get install php8.2-fpm php8.2-mysql php8.2-mbstring"
	apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		php8.2-fpm php8.2-mysql php8.2-mbstring >/dev/null || die "installing php8.2-fpm php8.2-mysql php8.2-mbstring failed"
fi

# free_port: a port on 127.0.0.1 that nothing listens on.
free_port() {
	local p n
	for ((n = 0; n < 200; n++)); do
		p=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || {
			echo "$p"
			return 0
		}
	done
	die "no free port"
}

BNGX_PATTERN="-c $BNGX/nginx.conf "
stop_bench_nginx() {
	stop_ours "bench nginx" "$BNGX/nginx.pid" "$BNGX_PATTERN" QUIT 10
}
FPM=$DIR/php-fpm
FPM_PATTERN="($FPM/php-fpm.conf)"
stop_fpm() {
	stop_ours "php-fpm" "$FPM/php-fpm.pid" "$FPM_PATTERN" QUIT 10
}
# A second portal process that filters every User management list in SQL (list_index_max_users
# = 0), as for an occupier past the in-memory index's limit: the bench nginx serves it under
# /sqlfilter/.
SQLF_SOCK=$DIR/run/portal-sqlfilter.sock
SQLF_PATTERN="-o listen=$SQLF_SOCK "
stop_sqlfilter() {
	stop_ours "portal (SQL filter)" "$DIR/run/portal-sqlfilter.pid" "$SQLF_PATTERN" TERM 15
}
cleanup() {
	stop_sqlfilter || true
	stop_bench_nginx || true
	stop_fpm || true
	"$ROOT/scripts/stack.sh" stop "$DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

SQL() { "$ROOT/scripts/db.sh" sql "$DIR" --batch --skip-column-names -e "$1"; }

section "stack in $DIR"
PORT=$(free_port)
BIN_DIR=build PROVISIONER=0 "$ROOT/scripts/stack.sh" start "$DIR" "$PORT" >&2
# The stack's own nginx must be the one answering (another program may hold the port).
"$ROOT/scripts/stack.sh" status "$DIR" >&2 || die "the stack is not running"

have_data() { [[ $(SQL "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'portal' AND table_name = 'bench_data'") == 1 ]]; }
if ! have_data; then
	if [[ $(SQL "SELECT COUNT(*) FROM operators WHERE name = 'Bench Workspaces'") != 0 ]]; then
		note "half-made bench data (an interrupted run): starting again from an empty database"
		"$ROOT/scripts/stack.sh" stop "$DIR" >&2
		rm -rf "$DIR/db"
		BIN_DIR=build PROVISIONER=0 "$ROOT/scripts/stack.sh" start "$DIR" "$PORT" >&2
	fi
	section "making the data (bench/data.sql: 1,000,000 users, once)"
	t0=$SECONDS
	"$ROOT/scripts/db.sh" sql "$DIR" <bench/data.sql >"$OUT/data.log" 2>&1 ||
		{ tail -n 20 "$OUT/data.log" >&2; die "bench/data.sql failed"; }
	note "data made in $((SECONDS - t0)) s"
fi
read -r OP OCC NUSERS < <(SQL "SELECT operator_id, occupier_id, users FROM bench_data")
OCC2=$((OCC + 1))
note "operator $OP: $NUSERS users; occupier $OCC has $(SQL "SELECT COUNT(*) FROM users WHERE occupier_id = $OCC")"

stop_sqlfilter
rm -f "$SQLF_SOCK"
"$ROOT/build/portal" -c "$ROOT/conf/portal.conf" -o "listen=$SQLF_SOCK" -o "db_socket=$DIR/run/mysqld.sock" \
	-o list_index_max_users=0 -o "maildir=$DIR/mail" </dev/null >>"$DIR/log/portal-sqlfilter.log" 2>&1 &
echo $! >"$DIR/run/portal-sqlfilter.pid"
disown

# PHP-FPM for the PHP peer: as many children as the portal has threads, opcache on and never
# re-checking the file, a persistent MariaDB connection per child (bench/php/list.php).
mkdir -p "$FPM"
stop_fpm
THREADS=$(conf_get threads conf/portal.conf || echo 8)
SECRETS=$(conf_get secrets_file conf/portal.conf || true)
case ${SECRETS:=conf/secrets.demo.conf} in /*) ;; *) SECRETS=$ROOT/$SECRETS ;; esac
fpm_user=""
[[ $(id -u) == 0 ]] && fpm_user="user = root"
cat >"$FPM/php-fpm.conf" <<CONF
[global]
pid = $FPM/php-fpm.pid
error_log = $FPM/error.log
daemonize = no
[bench]
$fpm_user
listen = $FPM/php-fpm.sock
pm = static
pm.max_children = $THREADS
clear_env = yes
env[DB_SOCKET] = $DIR/run/mysqld.sock
env[DB_NAME] = portal
env[DB_USER] = portal
env[DB_PASSWORD] = $(conf_get db_password "$SECRETS")
php_admin_value[opcache.enable] = 1
php_admin_value[opcache.validate_timestamps] = 0
php_admin_value[opcache.memory_consumption] = 64
php_admin_value[display_errors] = 0
php_admin_value[log_errors] = 1
CONF
chmod 600 "$FPM/php-fpm.conf"
"$PHP_FPM" -R -F -y "$FPM/php-fpm.conf" </dev/null >>"$FPM/stdout.log" 2>&1 &
echo $! >"$FPM/php-fpm.pid"
disown

# The bench nginx: the stack's config, listening on its own port, plus the static file and the
# PHP peer (a plain fastcgi_pass, as Debian's snippets/fastcgi-php.conf sets it up).
BPORT=$(free_port)
user_line=""
[[ $(id -u) == 0 ]] && user_line="user root;"
sqlf_loc="location /sqlfilter/ { rewrite ^/sqlfilter(/.*)\$ \$1 break; fastcgi_pass unix:$SQLF_SOCK; }"
php_loc="location = /bench/list.php { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $ROOT/bench/php/list.php; fastcgi_keep_conn off; fastcgi_pass unix:$FPM/php-fpm.sock; }"
sed -e "s|@PORT@|$BPORT|g" -e "s|@ROOT@|$ROOT|g" -e "s|@FCGI@|unix:$DIR/run/portal.sock|g" \
	-e "s|@USER_LINE@|$user_line|g" \
	-e "s|^\( *\)location /static/ {|\1location = /bench/list.html { root $WWW; }\n\1$php_loc\n\1$sqlf_loc\n&|" \
	conf/nginx.conf.in >"$BNGX/nginx.conf"
grep -q "location = /bench/list.html" "$BNGX/nginx.conf" || die "no static location in $BNGX/nginx.conf"
grep -q "location = /bench/list.php" "$BNGX/nginx.conf" || die "no PHP location in $BNGX/nginx.conf"
nginx -p "$BNGX/" -c "$BNGX/nginx.conf" -e "$BNGX/logs/error.log" -g 'daemon off;' \
	</dev/null >>"$BNGX/logs/stdout.log" 2>&1 &
echo $! >"$BNGX/nginx.pid"
disown
B=http://127.0.0.1:$BPORT
for ((n = 0; n < 100; n++)); do
	[[ $(curl -s -o /dev/null -w '%{http_code}' "$B/healthz" || true) == 200 ]] && break
	sleep 0.1
done
pid_ours "$(cat "$BNGX/nginx.pid")" "$BNGX_PATTERN" || { tail -n 5 "$BNGX/logs/error.log" >&2; die "the bench nginx did not start"; }

# signin EMAIL: signs in with curl; prints the jar file (cookies sid and pre).
signin() {
	local jar=$OUT/jar.$1 page csrf code
	rm -f "$jar"
	page=$(curl -s -c "$jar" -b "$jar" "$B/signin")
	csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$page" | head -n 1 | sed 's/.*value="//; s/"$//')
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
		--data-urlencode "email=$1" --data-urlencode "password=demo-password-1" "$B/signin")
	[[ $code == 303 ]] || die "sign-in of $1 answered $code"
	echo "$jar"
}
cookie_of() { awk -v n="$2" '$6 == n { print $7 }' "$1" | tail -n 1; }
csrf_in() { grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }

section "signing in"
ADMIN_JAR=$(signin bench-admin@bench.test)
ADMIN_COOKIE="sid=$(cookie_of "$ADMIN_JAR" sid)"
OPS_JAR=$(signin bench-ops@bench.test)
# An admin of an occupier of 990 users too, for the memory run (same pages, a tenth of the SQL).
SQL "INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, account_state,
	invited_portal, password_hash) SELECT operator_id, $OCC2, 'admin', 'Bench', 'Admin Two',
	'bench-admin2@bench.test', 'VALIDATED', 1, password_hash FROM users
	WHERE email = 'bench-admin@bench.test' AND operator_id = $OP AND NOT EXISTS
	(SELECT 1 FROM users WHERE email = 'bench-admin2@bench.test' AND operator_id = $OP)"
ADMIN2_COOKIE="sid=$(cookie_of "$(signin bench-admin2@bench.test)" sid)"
OPS_COOKIE="sid=$(cookie_of "$OPS_JAR" sid)"
: >"$OUT/profiles.txt"
for k in $(seq -w 1 16); do
	jar=$(signin "bench-p$k@bench.test")
	page=$(curl -s -b "$jar" "$B/profile/edit")
	v=$(grep -o 'name="version" value="[0-9]*"' <<<"$page" | sed 's/.*value="//; s/"$//')
	echo "sid=$(cookie_of "$jar" sid) $(csrf_in <<<"$page") $v" >>"$OUT/profiles.txt"
done

# The page of the static reference: exactly the bytes the program serves for /users.
curl -s -b "$ADMIN_JAR" -o "$WWW/bench/list.html" "$B/users"
grep -q 'Page 1' "$WWW/bench/list.html" || die "/users did not answer the list page"
LIST_BYTES=$(stat -c %s "$WWW/bench/list.html")
[[ $(curl -s "$B/bench/list.html" | cmp - "$WWW/bench/list.html" && echo same) == same ]] ||
	die "the static copy is not served"
# The PHP peer answers the same admin with the same users (its first row's address is ours).
PHP_LIST=$(curl -s -b "$ADMIN_JAR" "$B/bench/list.php")
first=$(grep -o 'class="row-link" href="/users/[0-9]*">[^<]*' "$WWW/bench/list.html" | head -n 1 | sed 's/.*>//')
[[ -n $first ]] && grep -qF ">$first</a>" <<<"$PHP_LIST" ||
	{ head -c 600 <<<"$PHP_LIST" >&2; tail -n 5 "$FPM/error.log" >&2 || true; die "the PHP peer does not answer the list (first user: $first)"; }
PHP_BYTES=${#PHP_LIST}

PORTAL_PIDS=$(cat "$DIR/run/portal.pid")
SQLF_PID=$(cat "$DIR/run/portal-sqlfilter.pid")
pid_ours "$SQLF_PID" "$SQLF_PATTERN" || die "the SQL-filter portal did not start (see $DIR/log/portal-sqlfilter.log)"
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
declare -A RSS0
for p in $PORTAL_PIDS; do RSS0[$p]=$(rss_kb "$p"); done

# ------------------------------------------------------------------------------ measuring
ROWS=()  # table rows: "what|conn|req/s|p50|p99|notes"
row() { ROWS+=("$1|$2|$3|$4|$5|$6"); printf '  %-58s %4s %9s %8s %8s  %s\n' "$1" "$2" "$3" "$4" "$5" "$6" >&2; }

# CPU time used by the server side (clock ticks of /proc/PID/stat, all threads): nginx (bench
# master and workers), the portal processes, MariaDB. Unlike req/s and latencies it hardly
# depends on what else the machine runs, so CPU ms per request tells what the pages cost.
TCK=$(getconf CLK_TCK)
ticks() {
	local p sum=0 st
	for p in "$@"; do
		read -r st 2>/dev/null <"/proc/$p/stat" || continue
		st=${st##*) }
		set -- $st
		sum=$((sum + ${12} + ${13}))
	done
	echo "$sum"
}
server_pids() {
	local m p st fm
	m=$(cat "$BNGX/nginx.pid")
	# PHP-FPM's master and children too (the PHP peer's rounds are measured with the same sum)
	fm=$(cat "$FPM/php-fpm.pid" 2>/dev/null || true)
	echo "$m $PORTAL_PIDS $SQLF_PID $(cat "$DIR/run/mysqld.pid") $fm"
	# the children of the bench nginx and of PHP-FPM, in one walk of /proc
	for p in /proc/[0-9]*; do
		read -r st 2>/dev/null <"$p/stat" || continue
		st=${st##*) }
		st=${st#* }
		st=${st%% *}
		if [[ $st == "$m" || (-n $fm && $st == "$fm") ]]; then echo "${p#/proc/}"; fi
	done
}

# wrk_run NAME CONN THREADS [wrk args...] URL: one wrk run with latency percentiles; sets
# RPS, P50, P99 (ms), BAD (the script's count of unexpected statuses, else non-2xx/3xx), CPU
# (server CPU ms per request: nginx + portal + MariaDB), MCPU (MariaDB's share) and REQS (the
# requests made).
wrk_run() {
	local name=$1 c=$2 t=$3 f=$OUT/wrk.$1.txt t0 t1 m0 m1 n pids mpid
	shift 3
	pids=$(server_pids)
	mpid=$(cat "$DIR/run/mysqld.pid")
	# shellcheck disable=SC2086
	t0=$(ticks $pids) m0=$(ticks "$mpid")
	wrk -c "$c" -t "$t" -d "${SECS}s" --timeout 10s --latency "$@" >"$f" 2>&1 || true
	# shellcheck disable=SC2086
	t1=$(ticks $pids) m1=$(ticks "$mpid")
	n=$(awk '/requests in/ { print $1 }' "$f")
	REQS=${n:-0}
	((REQS > 0)) || REQS=1
	CPU=$(awk -v d="$((t1 - t0))" -v n="${n:-0}" -v hz="$TCK" 'BEGIN { if (n > 0) printf "%.2f", d * 1000 / hz / n; else print "?" }')
	MCPU=$(awk -v d="$((m1 - m0))" -v n="${n:-0}" -v hz="$TCK" 'BEGIN { if (n > 0) printf "%.2f", d * 1000 / hz / n; else print "?" }')
	RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")
	P50=$(awk '$1 == "50%" { print $2 }' "$f" | to_ms)
	P99=$(awk '$1 == "99%" { print $2 }' "$f" | to_ms)
	BAD=$(awk '/^NON[0-9]+ / { print $2 } /Non-2xx or 3xx responses:/ { print $NF }' "$f" | tail -n 1)
	BAD=${BAD:-0}
	[[ -n $RPS ]] || { cat "$f" >&2; die "wrk $name failed"; }
}
to_ms() { awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /ms$/) v += 0; else if ($1 ~ /s$/) v *= 1000; printf "%.2f", v }'; }
load() { cut -d ' ' -f 1 /proc/loadavg; }

section "User management list vs the same bytes as a static file ($LIST_BYTES bytes)"
# BENCH_ROUNDS (5) rounds of (list, static file, PHP peer), interleaved, BENCH_SECONDS / 2 each:
# drifts of a shared machine's load then fall on both sides alike (with 3 rounds, one host's
# list / static ratios spread from 0.350 to 0.436 in one run: the median of 5 is steadier). The table gives the round whose ratio is the
# median, and every round's ratio in its notes. A first short run warms the caches.
BENCH_COOKIE=$ADMIN_COOKIE SECS=2 wrk_run "list-warm" 16 2 -s bench/wrk/get.lua "$B/users"
declare -A LRPS LP99 SRPS RATIO PRATIO
BENCH_COOKIE=$ADMIN_COOKIE SECS=2 wrk_run "php-warm" 16 2 -s bench/wrk/get.lua "$B/bench/list.php"
for c in 16 64; do
	rounds=()
	for k in $(seq 1 "$ROUNDS"); do
		BENCH_COOKIE=$ADMIN_COOKIE SECS=$(( (SECS + 1) / 2 )) wrk_run "list-c$c-$k" "$c" 2 -s bench/wrk/get.lua "$B/users"
		l="$RPS|$P50|$P99|$CPU|$BAD|$(load)"
		SECS=$(( (SECS + 1) / 2 )) wrk_run "static-c$c-$k" "$c" 2 -s bench/wrk/get.lua "$B/bench/list.html"
		st="$RPS|$P50|$P99|$CPU|$BAD"
		BENCH_COOKIE=$ADMIN_COOKIE SECS=$(( (SECS + 1) / 2 )) wrk_run "php-c$c-$k" "$c" 2 -s bench/wrk/get.lua "$B/bench/list.php"
		rounds+=("$(awk -v a="${l%%|*}" -v b="${st%%|*}" 'BEGIN { printf "%.3f", a / b }')|$l|$st|$RPS|$P50|$P99|$CPU|$BAD|$(awk -v a="${l%%|*}" -v b="$RPS" 'BEGIN { printf "%.1f", a / b }')")
	done
	all=$(printf '%s\n' "${rounds[@]}" | cut -d '|' -f 1 | paste -sd ' ' -)
	pall=$(printf '%s\n' "${rounds[@]}" | cut -d '|' -f 18 | paste -sd ' ' -)
	IFS='|' read -r ratio lr lp50 lp99 lcpu lbad lload sr sp50 sp99 scpu sbad pr pp50 pp99 pcpu pbad pratio \
		< <(printf '%s\n' "${rounds[@]}" | sort -t '|' -k 1,1n | sed -n "$(((ROUNDS + 1) / 2))p")
	LRPS[$c]=$lr LP99[$c]=$lp99 SRPS[$c]=$sr RATIO[$c]=$ratio PRATIO[$c]=$pratio
	row "User management list, page 1 of 10,000 users" "$c" "$lr" "$lp50" "$lp99" "cpu $lcpu ms/req; non-200: $lbad; load $lload; the median of $ROUNDS rounds"
	row "  the same bytes as a static file (nginx)" "$c" "$sr" "$sp50" "$sp99" "cpu $scpu ms/req; non-200: $sbad; the same round"
	row "  ratio list / static" "$c" "$ratio" "" "" "rounds: $all"
	row "  the PHP 8.2 peer (bench/php/list.php, FPM + opcache, no cache)" "$c" "$pr" "$pp50" "$pp99" "cpu $pcpu ms/req; non-200: $pbad; the same round; $PHP_BYTES bytes"
	row "  our list as a multiple of the PHP peer" "$c" "${pratio}x" "" "" "rounds: $pall"
done

# sql_of NAME: the text of the entry `STMT(NAME, "..." "...")` of the statement table
# (cgi-bin/stmt_*.h, see stmt.h; entries of plain literals only).
# (awk reads the files itself: `cat | awk` with awk exiting at the match failed the run with
# SIGPIPE under pipefail once the files outgrew a pipe's buffer)
sql_of() {
	awk -v n="$1" '
		index($0, "STMT(" n ",") == 1 { on = 1; next }
		on { s = $0; while (match(s, /"[^"]*"/)) { out = out substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH) }
		     if ($0 ~ /"\)[ \t]*$/) { print out; exit } }' cgi-bin/stmt_*.h
}
# qtime_row WHAT ARGS...: the SQL time of a page, as the page sees it (200 runs), or n/a.
qtime_row() {
	local what=$1 r
	shift
	if r=$("$BIN/qtime" "$DIR/run/mysqld.sock" 200 "$@" 2>"$OUT/qtime.err"); then
		read -r q50 q99 qrows <<<"$r"
		row "$what" "sql" "" "$q50" "$q99" "rows of the last statement: $qrows"
	else
		q50=""
		row "$what" "sql" "" "n/a" "n/a" "$(head -c 120 "$OUT/qtime.err")"
	fi
}
# page_row WHAT COOKIE NAME URL: the page at 1 connection, each request rendered afresh
# (BENCH_UNCACHED: the User management list would otherwise answer from its cache).
page_row() {
	BENCH_UNCACHED=1 BENCH_COOKIE=$2 SECS=5 wrk_run "$3" 1 1 -s bench/wrk/get.lua "$4"
	row "$1" 1 "$RPS" "$P50" "$P99" "cpu $CPU ms/req; non-200: $BAD; uncached"
}

EMAIL1=$(SQL "SELECT email FROM users WHERE occupier_id = $OCC ORDER BY id LIMIT 1 OFFSET 5000")
EMAILM=$(SQL "SELECT email FROM users WHERE operator_id = $OP ORDER BY id LIMIT 1 OFFSET 500000")
section "filters: SQL time as the page sees it (median, p99 of 200), and the page at 1 connection"
UL_IDS=$(sql_of STMT_LIST_IDS)
UL_ROWS=$(sql_of STMT_LIST_ROWS)
UL_EMAIL=$(sql_of STMT_LIST_BY_EMAIL)
UL_INDEX=$(sql_of STMT_LISTIDX)
# A part of names/addresses. The page filters in memory (listidx.c); its only SQL is the read
# of the page's 51 lines by id (their ids as the page passes them, a JSON array, made here
# once), the first time they are shown under a data version: they are kept with the index
# after, so the uncached page below (a new query string each request) reads nothing. After a
# write to the occupier, the first view reads its users once to build the index again;
# without an index (over 200,000 users) the filter walks the index in SQL instead.
q=ja
like="%$q%"
ids="[$(SQL "SELECT id FROM users WHERE operator_id = $OP AND occupier_id = $OCC AND search_text LIKE '$like'
	ORDER BY last_name, first_name, id LIMIT 51" | paste -sd, -)]"
qtime_row "UM list filter q=$q: the page's 51 lines read by id (once per data version, then kept with the filter)" sii "$UL_ROWS" "$ids" "$OP" "$OCC"
UL_JA_SQL=${q50:-}
page_row "  the page /users?q=$q" "$ADMIN_COOKIE" "ulq-ja" "$B/users?q=$q"
UL_JA_MS=$P50 UL_JA_RPS=$RPS
page_row "  the PHP peer /bench/list.php?q=$q" "$ADMIN_COOKIE" "phpq-ja" "$B/bench/list.php?q=$q"
PHP_JA=$(awk -v a="$UL_JA_RPS" -v b="$RPS" 'BEGIN { printf "%.1f", a / b }')
row "  our filtered page as a multiple of the PHP peer (uncached)" 1 "${PHP_JA}x" "" "" ""
qtime_row "  after a write: rebuilding the filter index, SQL (once)" ii "$UL_INDEX" "$OP" "$OCC"
qtime_row "  without the index: the SQL filter (ids + page)" iissi "$UL_IDS" "$OP" "$OCC" "$q" "$like" 1001 \
	-- sii "$UL_ROWS" "$ids" "$OP" "$OCC"
# A whole address: the exact look-up on uq_user_email that the page makes for it.
qtime_row "UM list filter q=<full email>: exact look-up" iis "$UL_EMAIL" "$OP" "$OCC" "$EMAIL1"
UL_EM_SQL=${q50:-}
page_row "  the page /users?q=<full email>" "$ADMIN_COOKIE" "ulq-email" "$B/users?q=$EMAIL1"
UL_EM_RPS=$RPS
page_row "  the PHP peer /bench/list.php?q=<full email>" "$ADMIN_COOKIE" "phpq-email" "$B/bench/list.php?q=$EMAIL1"
PHP_EM=$(awk -v a="$UL_EM_RPS" -v b="$RPS" 'BEGIN { printf "%.1f", a / b }')
row "  our filtered page as a multiple of the PHP peer (uncached)" 1 "${PHP_EM}x" "" "" ""
S_EXACT=$(sql_of STMT_SEARCH_EXACT)
# The n-gram index (sql/016, sql/025, cgi-bin/ngram.c): the User management list counts the
# rows of up to 6 of q's grams (a prefix "q%" for one or two characters), each up to N_MAX + 1,
# among the occupier's users (ix_ug_occ); the rarest with at most N_MAX rows gives the
# candidates (STMT_LIST_GRAM_IDS), else it walks the occupier's index. The operator search
# (page_search.c) counts so only for one or two characters (then walks newest first when that
# common); for three or more it reads the newest rows of each single gram, takes the rarest's
# rows (a window of N_MAX when more) and narrows them by the others. The queries: two letters
# common and absent, three letters rare (2,889 users) and absent, and two words that match
# nobody: 'smith james' (one of its grams, ' ja', is in no user: no last name starts so) and
# 'smith jones', whose every gram is in 5,000 users or more.
N_COUNT_OCC=$(sql_of STMT_NGRAM_COUNT_OCC)
N_MAX=$(sed -n 's/^#define NGRAM_MAX_CANDIDATES \([0-9]*\).*/\1/p' cgi-bin/ngram.h)
UL_GRAM=$(sql_of STMT_LIST_GRAM_IDS)
SEARCH_QS="ja zq 036 xqj smith+james smith+jones"
# pick OCC Q: what ngram_pick() does for Q (ASCII, no wildcards) among the occupier OCC's users:
# sets PAT (the gram's pattern), PROWS (its rows, up to N_MAX + 1) and PROBES (the qtime
# arguments of its counts).
pick() {
	local occ=$1 q=$2 n=${#2} nwin k s p rows single
	local -a starts=()
	PAT="" PROWS=0 PROBES=()
	count_of() {
		SQL "SELECT COUNT(*) FROM (SELECT 1 FROM user_grams FORCE INDEX (ix_ug_occ) WHERE occupier_id = $occ AND gram LIKE '$1' AND operator_id = $OP LIMIT $((N_MAX + 1))) c"
	}
	probe() { PROBES+=(-- isii "$N_COUNT_OCC" "$occ" "$1" "$OP" $((N_MAX + 1))); }
	if ((n < 3)); then
		PAT="$q%" PROWS=$(count_of "$PAT")
		probe "$PAT"
		return
	fi
	nwin=$((n - 2))
	for ((k = 0; k < 6 && k < nwin; k++)); do
		if ((nwin <= 6)); then starts+=("$k"); else starts+=($((k * (nwin - 1) / 5))); fi
	done
	for s in "${starts[@]}"; do
		p=${q:s:3} single=1
		# trailing spaces: a prefix (= would ignore them), as pattern_of() does
		while [[ $p == *" " ]]; do p=${p% } single=0; done
		((single)) || p="$p%"
		[[ $p == "$PAT" ]] && continue
		rows=$(count_of "$p")
		probe "$p"
		if [[ -z $PAT ]] || ((rows < PROWS)); then PAT=$p PROWS=$rows; fi
		if ((PROWS <= 200)); then break; fi
	done
}
# handler_reads: MariaDB's rows read through its handlers (index look-ups and steps, scans) and
# prepared statements executed, since it started: "ROWS STATEMENTS".
handler_reads() {
	SQL "SELECT SUM(IF(VARIABLE_NAME LIKE 'HANDLER_READ%', VARIABLE_VALUE, 0)),
		SUM(IF(VARIABLE_NAME = 'COM_STMT_EXECUTE', VARIABLE_VALUE, 0))
		FROM information_schema.GLOBAL_STATUS
		WHERE VARIABLE_NAME LIKE 'HANDLER_READ%' OR VARIABLE_NAME = 'COM_STMT_EXECUTE'"
}
declare -A OS_MS UL_MS
# The operator search: the page at 1 connection, and what MariaDB did for it per request (its
# CPU, rows read through its handlers, statements): the statements depend on what the grams'
# rows say, so they are counted as the page ran them, not replayed.
for q in $SEARCH_QS; do
	read -r hr0 hs0 < <(handler_reads)
	BENCH_UNCACHED=1 BENCH_COOKIE=$OPS_COOKIE SECS=5 wrk_run "sq-$q" 1 1 -s bench/wrk/get.lua "$B/platform/users?q=$q"
	read -r hr1 hs1 < <(handler_reads)
	row "operator search q=$q over $NUSERS users: the page /platform/users?q=$q" 1 "$RPS" "$P50" "$P99" \
		"cpu $CPU ms/req (MariaDB $MCPU); rows read $(( (hr1 - hr0) / REQS )) and statements $(awk -v s="$((hs1 - hs0))" -v n="$REQS" 'BEGIN { printf "%.1f", s / n }') per request; non-200: $BAD; uncached"
	OS_MS[$q]=$P50
done
# The list of the 10,000-user occupier as if it were past the in-memory index's limit (the
# second portal process, list_index_max_users = 0): its SQL filter, the grams counted within the
# occupier (ix_ug_occ, sql/025).
for q in $SEARCH_QS; do
	qq=${q//+/ }
	pick "$OCC" "$qq"
	if ((PROWS <= N_MAX)); then
		qtime_row "UM list in SQL q=$q: the occupier's n-gram candidates ('$PAT': $PROWS), ids in list order" \
			"${PROBES[@]:1}" -- isiiis "$UL_GRAM" "$OCC" "$PAT" "$OP" "$OP" "$OCC" "%$qq%"
	else
		qtime_row "UM list in SQL q=$q: walk of the occupier's index (gram rows > $N_MAX)" \
			"${PROBES[@]:1}" -- iissi "$UL_IDS" "$OP" "$OCC" "$qq" "%$qq%" 1001
	fi
	page_row "  the page /users?q=$q, filtered in SQL (list_index_max_users = 0)" "$ADMIN_COOKIE" "ulsql-$q" "$B/sqlfilter/users?q=$q"
	UL_MS[$q]=$P50
done
qtime_row "operator search q=<full email> over $NUSERS users" is "$S_EXACT" "$OP" "$EMAILM"
OS_EM_SQL=${q50:-}
page_row "  the page /platform/users?q=<full email>" "$OPS_COOKIE" "sq-email" "$B/platform/users?q=$EMAILM"

section "My profile and its save"
P1=$(head -n 1 "$OUT/profiles.txt" | cut -d ' ' -f 1)
BENCH_COOKIE=$P1 wrk_run profile 16 2 -s bench/wrk/get.lua "$B/profile"
PROF_RATIO=$(awk -v a="$RPS" -v b="${LRPS[16]}" 'BEGIN { printf "%.2f", a / b }')
row "My profile (GET /profile)" 16 "$RPS" "$P50" "$P99" "cpu $CPU ms/req; non-200: $BAD"
row "  ratio My profile / the list (its median round at 16 conn)" 16 "$PROF_RATIO" "" "" ""
BENCH_PROFILES=$OUT/profiles.txt wrk_run profile-save 16 16 -s bench/wrk/profile_save.lua "$B/profile/edit"
row "My profile save (POST /profile/edit, CSRF, new job title)" 16 "$RPS" "$P50" "$P99" "cpu $CPU ms/req; non-303: $BAD"

section "sign-in vs one argon2id hash alone"
read -r HASH_MS HASH_MIN _ < <("$BIN/argon2" 15)
NCPU=$(nproc)
SLOTS=$(conf_get hash_slots conf/portal.conf || true)
SLOTS=${SLOTS:-$NCPU}
page=$(curl -s -c "$OUT/jar.signin" "$B/signin")
SI_CSRF=$(csrf_in <<<"$page")
BENCH_COOKIE="pre=$(cookie_of "$OUT/jar.signin" pre)" BENCH_CSRF=$SI_CSRF BENCH_EMAILS=$(seq -f "bench-p%02g@bench.test" -s , 1 16) \
	wrk_run signin 4 2 -s bench/wrk/signin.lua "$B/signin"
SI_RPS=$RPS
row "Sign in (POST /signin, right password)" 4 "$RPS" "$P50" "$P99" "cpu $CPU ms/req; non-303: $BAD"
row "  one argon2id verification alone (median of 15)" 1 \
	"$(awk -v m="$HASH_MS" 'BEGIN { printf "%.1f", 1000 / m }')" "$HASH_MS" "" \
	"bound with $SLOTS hash slots: $(awk -v m="$HASH_MS" -v s="$SLOTS" 'BEGIN { printf "%.1f", s * 1000 / m }') sign-ins/s"
SI_RATIO=$(awk -v a="$SI_RPS" -v m="$HASH_MS" -v s="$SLOTS" 'BEGIN { printf "%.2f", a / (s * 1000 / m) }')
row "  ratio sign-in / hash bound" "" "$SI_RATIO" "" "" ""

section "Add multiple users: 10,000 rows"
IMPORT_S="" IMPORT_OK=0
code=$(curl -s -o "$OUT/import.html" -w '%{http_code}' -b "$OPS_JAR" "$B/platform/occupiers/$OCC2/import")
if [[ $code == 200 ]] && grep -q 'type="file"' "$OUT/import.html"; then
	stamp=$(date +%s)
	# The template's header line (without its byte order mark), then 10,000 rows.
	curl -s -b "$OPS_JAR" "$B/platform/occupiers/$OCC2/import-template.csv" | head -n 1 | tr -d '\r' |
		sed 's/^\xEF\xBB\xBF//' >"$OUT/import.csv"
	awk -F, -v stamp="$stamp" 'NR == 1 { n = split($0, h, ","); next } END {
		for (i = 1; i <= 10000; i++) { line = ""
			for (k = 1; k <= n; k++) { c = h[k]; gsub(/[" ]/, "", c)
				v = c == "first_name" ? "Imported" : c == "last_name" ? "User " i : \
				    c == "email" ? "imp-" stamp "-" i "@bench.test" : ""
				line = line (k > 1 ? "," : "") v }
			print line } }' "$OUT/import.csv" >"$OUT/import.rows"
	cat "$OUT/import.rows" >>"$OUT/import.csv"
	ICSRF=$(csrf_in <"$OUT/import.html")
	read -r code secs < <(curl -s -o "$OUT/import-done.html" -w '%{http_code} %{time_total}\n' -b "$OPS_JAR" \
		-F "csrf=$ICSRF" -F "file=@$OUT/import.csv;type=text/csv" "$B/platform/occupiers/$OCC2/import")
	added=$(SQL "SELECT COUNT(*) FROM users WHERE operator_id = $OP AND email LIKE 'imp-$stamp-%'")
	IMPORT_S=$secs IMPORT_OK=0
	[[ $code =~ ^(200|303)$ && $added == 10000 ]] && IMPORT_OK=1
	row "Add multiple users, 10,000 rows (upload to answer)" 1 "" "$(awk -v s="$secs" 'BEGIN { printf "%.0f", s * 1000 }')" "" \
		"${secs} s; HTTP $code, $added users added"
	SQL "DELETE FROM users WHERE operator_id = $OP AND email LIKE 'imp-%@bench.test'" || true
else
	row "Add multiple users, 10,000 rows" "" "" "" "" "skipped: /platform/occupiers/ID/import answers $code (no import page yet)"
fi

section "memory of each FastCGI process: before and after $MEM_REQUESTS requests"
declare -A RSS1 RSS2 RSSH
for p in $PORTAL_PIDS; do RSS1[$p]=$(rss_kb "$p"); done
per=$((MEM_REQUESTS / 8))
# Pages of every kind, the list among them (of an occupier of 990 users, so that 100,000
# requests fit in a few minutes), in two halves: the caches fill in the first (bounded: at
# most 16 MiB of pages, 64 MiB of filter indexes), so "flat" is the growth over the second.
# Each half is bounded at BENCH_MEM_SECONDS / 2 (150 s) too.
MEM_N=0
for half in 1 2; do
	BENCH_COOKIE=$ADMIN2_COOKIE BENCH_PER_THREAD=$per \
		BENCH_PATHS="/users /profile /users?q=ja /profile/edit /users?page=10 /devices /healthz /users?q=zz" \
		SECS=$(( ${BENCH_MEM_SECONDS:-300} / 2 )) wrk_run "memory$half" 16 4 -s bench/wrk/count.lua "$B/"
	MEM_RPS=$RPS
	MEM_N=$((MEM_N + $(awk '/requests in/ { print $1 }' "$OUT/wrk.memory$half.txt")))
	if ((half == 1)); then
		for p in $PORTAL_PIDS; do RSSH[$p]=$(rss_kb "$p"); done
		MEM_HALF=$MEM_N
	fi
done
for p in $PORTAL_PIDS; do
	RSS2[$p]=$(rss_kb "$p")
	row "portal pid $p: RSS after sign-in / before / after $MEM_HALF / after $MEM_N requests (KiB)" 16 "$MEM_RPS" "" "" \
		"${RSS0[$p]} / ${RSS1[$p]} / ${RSSH[$p]} / ${RSS2[$p]} (second half: $((RSS2[$p] - RSSH[$p])) KiB), non-200: $BAD"
done

# ------------------------------------------------------------------------------ report
section "writing $RESULTS"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
list16=${RATIO[16]}
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "MISSED"; }
{
	echo "# Benchmarks (make bench)"
	echo
	echo "Written by scripts/bench.sh; the figures below are from its last run."
	echo
	echo "- when: $(date -u '+%F %T UTC'), $(( (SECONDS - STARTED) )) s"
	echo "- machine: $cpu, $NCPU cores, $mem; $(. /etc/os-release && echo "$PRETTY_NAME"); load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
	echo "- software: $(nginx -v 2>&1 | sed 's/.*: //'), $(mariadbd --version | awk '{ print $3 }'), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }'); portal built with make all (-O2), $(conf_get threads conf/portal.conf || echo 8) threads, one process"
	echo "- command: \`make bench\` (scripts/bench.sh; BENCH_SECONDS=$SECS per wrk run, wrk -t2 unless noted, --latency)"
	echo "- data: bench/data.sql, $NUSERS users of one operator in 1,000 occupiers, the listed one with 10,000; MariaDB of scripts/db.sh (innodb_buffer_pool_size $DB_BUFFER_POOL)"
	echo
	echo "| measurement | connections | req/s | p50 ms | p99 ms | notes |"
	echo "|---|---|---|---|---|---|"
	for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |"; done
	echo
	echo "Targets:"
	echo
	echo "- list at 16 connections >= 0.4 of the static file's rate: ratio $list16: $(verdict "$list16 >= 0.4")"
	echo "- list >= 5x the PHP peer: ${PRATIO[16]}x at 16 connections, ${PRATIO[64]}x at 64, filters uncached ${PHP_JA}x (q=ja) and ${PHP_EM}x (full email): $(verdict "${PRATIO[16]} >= 5 && ${PRATIO[64]} >= 5 && $PHP_JA >= 5 && $PHP_EM >= 5")"
	echo "- list p99 < 25 ms at 64 connections: ${LP99[64]} ms (the median round): $(verdict "${LP99[64]} < 25")"
	echo "- each filter query < 10 ms median on the 1M-user data: UM list q=ja ${UL_JA_MS:-?} ms (uncached page p50: filter and lines in memory; the lines' first read ${UL_JA_SQL:-?} ms), full email ${UL_EM_SQL:-?} ms; operator search q=ja ${OS_MS[ja]:-?} ms (the page p50), full email ${OS_EM_SQL:-?} ms: $(verdict "${UL_JA_MS:-99} < 10 && ${UL_EM_SQL:-99} < 10 && ${OS_MS[ja]:-99} < 10 && ${OS_EM_SQL:-99} < 10")"
	worst=""
	for q in $SEARCH_QS; do worst+="${worst:+, }$q ${OS_MS[$q]} / ${UL_MS[$q]}"; done
	echo "- search worst cases < 10 ms (page p50, operator search / list filtered in SQL): $worst: $(verdict "$(for q in $SEARCH_QS; do printf '%s < 10 && %s < 10 && ' "${OS_MS[$q]}" "${UL_MS[$q]}"; done) 1")"
	echo "- My profile >= 1/2 of the list's rate: $PROF_RATIO: $(verdict "$PROF_RATIO >= 0.5")"
	echo "- 10,000-row import < 5 s: ${IMPORT_S:-not measured (no import page)}$([[ -n $IMPORT_S ]] && echo " s: $(verdict "$IMPORT_OK == 1 && $IMPORT_S < 5")")"
	for p in $PORTAL_PIDS; do
		echo "- memory flat over $MEM_N requests (pid $p): $((RSS2[$p] - RSS1[$p])) KiB in all, $((RSS2[$p] - RSSH[$p])) KiB over the second half: $(verdict "${RSS2[$p]} - ${RSSH[$p]} < 1024")"
	done
	echo
	echo "$MARKER"
	if [[ -f $RESULTS ]] && grep -qF "$MARKER" "$RESULTS"; then
		awk -v m="$MARKER" 'f { print } $0 == m { f = 1 }' "$RESULTS"
	fi
} >"$RESULTS.new"
mv "$RESULTS.new" "$RESULTS"
printf '\n' >&2
awk -v m="$MARKER" '$0 == m { exit } { print }' "$RESULTS"
note "done in $((SECONDS - STARTED)) s"
