#!/usr/bin/env bash
# scripts/db.sh start|stop|migrate|demo|status|sql DIR: a private MariaDB server whose files all live
# under DIR (`var` for `make run`, `var/test` for `make test`); never the system service.
#   start    creates the server on first use (DIR/db), starts it (socket DIR/run/mysqld.sock,
#            pid DIR/run/mysqld.pid, log DIR/log/mariadb.log, no TCP), waits until it answers, and
#            makes sure database `portal` and user portal@localhost (password: db_password of the
#            secrets file) exist. Reuses a server that is already running for DIR.
#   stop     shuts it down (mariadb-admin shutdown, else SIGTERM/SIGKILL to its pid).
#   migrate  applies each sql/NNN_*.sql not yet recorded in portal.schema_version, in order.
#   demo     loads each sql/demo/*.sql not yet recorded in portal.demo_loaded, in order.
#   status   exit 0 when the server for DIR is running, else 1.
#   sql      runs the mariadb client as the database's admin on `portal` (extra args passed on).
# Environment: DB_BUFFER_POOL, the InnoDB buffer pool of a server this starts (128M; make bench
# sets 1G, so that its million users stay in memory as on a server sized for them).
# Admin work goes through the socket as the OS user (root, or the user who created the server):
# unix_socket authentication, no password anywhere. Data is kept between runs.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { die "usage: $0 start|stop|migrate|demo|status|sql DIR [mariadb args...]"; }
(($# >= 2)) || usage
cmd=$1
DIR=$(abs_dir "$2")
shift 2

DATADIR=$DIR/db
SOCK=$DIR/run/mysqld.sock
PIDFILE=$DIR/run/mysqld.pid
LOG=$DIR/log/mariadb.log
PATTERN="--datadir=$DATADIR "
ADMIN=$(id -un)
DB=portal
DB_USER=portal

# The server's socket must fit in sockaddr_un (107 bytes).
((${#SOCK} < 107)) || die "socket path too long (${#SOCK} > 106 bytes): $SOCK; use a shorter DIR"

# Secrets: the file that conf/portal.conf names (relative to the project root), else the demo one.
SECRETS=$(conf_get secrets_file "$ROOT/conf/portal.conf" || true)
SECRETS=${SECRETS:-conf/secrets.demo.conf}
case $SECRETS in /*) ;; *) SECRETS=$ROOT/$SECRETS ;; esac

# client ARGS...: the mariadb client as admin through the socket, stopping at the first error.
client() {
	mariadb --no-defaults --socket="$SOCK" --user="$ADMIN" --default-character-set=utf8mb4 "$@"
}

# sql_quote STRING: STRING as a single-quoted SQL literal.
sql_quote() {
	local s=${1//\\/\\\\}
	printf "'%s'" "${s//\'/\'\'}"
}


ping_ok() {
	mariadb-admin --no-defaults --socket="$SOCK" --user="$ADMIN" --connect-timeout=2 ping \
		>/dev/null 2>&1
}

db_start() {
	local pid fresh=0 n
	mkdir -p "$DIR/run" "$DIR/log"
	if pid=$(find_ours "$PIDFILE" "$PATTERN"); then
		# Already running for DIR (a previous run that was not stopped): reuse it.
		echo "$pid" >"$PIDFILE"
	else
		rm -f "$PIDFILE"
		local as_root=()
		[[ $(id -u) == 0 ]] && as_root=(--user=root)
		if [[ ! -d $DATADIR/mysql ]]; then
			fresh=1
			rm -rf "$DATADIR"
			local socket_user=()
			[[ $(id -u) != 0 ]] && socket_user=(--auth-root-socket-user="$ADMIN")
			if ! mariadb-install-db --no-defaults --datadir="$DATADIR" --skip-test-db \
				--auth-root-authentication-method=socket "${socket_user[@]}" "${as_root[@]}" \
				--skip-name-resolve >"$DIR/log/mariadb-install.log" 2>&1; then
				tail_log "$DIR/log/mariadb-install.log"
				rm -rf "$DATADIR"
				die "mariadb-install-db failed"
			fi
		fi
		# The trailing space of PATTERN needs an argument after --datadir; keep it there.
		# pool-of-threads: a few threads serve the portal's many connections (one per worker
		# thread) instead of one thread each: fewer context switches on a small machine
		# (make bench: ~12 % more list pages per second on 2 cores).
		mariadbd --no-defaults --datadir="$DATADIR" --socket="$SOCK" --pid-file="$PIDFILE" \
			--skip-networking --log-error="$LOG" --character-set-server=utf8mb4 \
			--collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size="${DB_BUFFER_POOL:-128M}" \
			--thread-handling=pool-of-threads --skip-name-resolve "${as_root[@]}" \
			</dev/null >>"$DIR/log/mariadbd.out" 2>&1 &
		pid=$!
		disown
	fi
	for ((n = 0; n < 300; n++)); do
		ping_ok && break
		# Our own child: kill -0 tells whether it still runs. (Its command line is not
		# checked here: just after the fork it is still this script's, not mariadbd's.)
		if ! kill -0 "$pid" 2>/dev/null || [[ $(ps -o stat= -p "$pid" 2>/dev/null) == Z* ]]; then
			tail_log "$LOG"
			die "the database server exited while starting"
		fi
		sleep 0.1
	done
	if ! ping_ok; then
		tail_log "$LOG"
		die "the database server did not answer on $SOCK within 30 s"
	fi
	db_ensure_user
	if ((fresh)); then note "created a new database in $DATADIR"; fi
}

# The database and its application user, kept in step with the secrets file at every start.
db_ensure_user() {
	local pw
	[[ -r $SECRETS ]] || die "cannot read the secrets file $SECRETS"
	pw=$(conf_get db_password "$SECRETS") || true
	[[ -n $pw ]] || die "no db_password in $SECRETS"
	client <<-EOF
		CREATE DATABASE IF NOT EXISTS $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY $(sql_quote "$pw");
		ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY $(sql_quote "$pw");
		GRANT ALL PRIVILEGES ON $DB.* TO '$DB_USER'@'localhost';
	EOF
}

db_stop() {
	local pid
	if pid=$(find_ours "$PIDFILE" "$PATTERN"); then
		# shutdown waits for the server to finish; the pid check covers a server that hangs.
		mariadb-admin --no-defaults --socket="$SOCK" --user="$ADMIN" --connect-timeout=5 \
			--shutdown-timeout=60 shutdown >/dev/null 2>&1 || true
		wait_gone "$pid" "$PATTERN" 30 || stop_ours "database server" "$PIDFILE" "$PATTERN" TERM 30
	fi
	rm -f "$PIDFILE"
}

need_running() {
	ping_ok || die "the database server for $DIR is not running (scripts/db.sh start $DIR)"
}

# apply FILE RECORD: runs FILE on the portal database, then the statement RECORD that notes it as
# applied. A file that fails part-way is not recorded (DDL commits implicitly, so what ran before
# the failing statement stays): the error says so.
apply() {
	local file=$1 record=$2 log=$DIR/log/sql-apply.log
	if ! client "$DB" <"$file" >"$log" 2>&1; then
		tail_log "$log"
		die "failed to apply ${file#"$ROOT"/}; statements before the failing one stay applied"
	fi
	client "$DB" -e "$record"
}

db_migrate() {
	local f name v count=0
	local -A seen=()
	need_running
	client "$DB" -e "CREATE TABLE IF NOT EXISTS schema_version (
		version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,
		applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB"
	local applied
	applied=" $(client "$DB" --batch --skip-column-names -e 'SELECT version FROM schema_version' | tr '\n' ' ') "
	for f in "$ROOT"/sql/[0-9][0-9][0-9]_*.sql; do
		[[ -e $f ]] || continue
		name=${f##*/}
		v=$((10#${name:0:3}))
		[[ -z ${seen[$v]:-} ]] || die "two migrations numbered ${name:0:3}: ${seen[$v]} and $name"
		seen[$v]=$name
		[[ $applied == *" $v "* ]] && continue
		apply "$f" "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $(sql_quote "$name"), NOW());"
		count=$((count + 1))
	done
	((count == 0)) || note "applied $count migration(s)"
}

db_demo() {
	local f name count=0 loaded
	need_running
	client "$DB" -e "CREATE TABLE IF NOT EXISTS demo_loaded (
		name VARCHAR(200) NOT NULL PRIMARY KEY,
		loaded_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB"
	loaded=$'\n'$(client "$DB" --batch --skip-column-names -e 'SELECT name FROM demo_loaded')$'\n'
	for f in "$ROOT"/sql/demo/*.sql; do
		[[ -e $f ]] || continue
		name=${f##*/}
		[[ $loaded == *$'\n'"$name"$'\n'* ]] && continue
		apply "$f" "INSERT INTO demo_loaded (name, loaded_at) VALUES ($(sql_quote "$name"), NOW());"
		count=$((count + 1))
	done
	((count == 0)) || note "loaded $count demo data file(s)"
}

case $cmd in
start) db_start ;;
stop) db_stop ;;
migrate) db_migrate ;;
demo) db_demo ;;
status) find_ours "$PIDFILE" "$PATTERN" >/dev/null ;;
sql) need_running && client "$DB" "$@" ;;
*) usage ;;
esac
