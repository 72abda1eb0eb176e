#!/usr/bin/env bash
# scripts/radius.sh start DIR [AUTH_PORT] | stop DIR | status DIR: FreeRADIUS for the portal whose
# files live under DIR (scripts/stack.sh calls it), never the system service.
#   start  renders conf/freeradius/ into DIR/radius/raddb, makes sure the database account
#          `radius` exists with only the grants it needs (its password: DIR/radius/db.secret,
#          made on first use), and starts `freeradius -f` in the background on 127.0.0.1:
#          authentication on AUTH_PORT (RADIUS_PORT, default 18120), accounting on AUTH_PORT+1,
#          shared secret RADIUS_SECRET (default demo-radius-secret) for loopback clients.
#          With RADIUS_REF_PORT set, also the `files` reference server of scripts/radius-bench.sh.
#          RADIUS_REJECT_DELAY (default 1) seconds before each reject. PID in DIR/run/radius.pid,
#          log DIR/log/radius.log. Waits (15 s at most) until it answers a Status-Server.
#          Without FreeRADIUS installed it says so and does nothing (exit 0).
#   stop   SIGTERM to that process (SIGKILL after 10 s); only a process whose command line
#          names DIR/radius/raddb is signalled.
#   status exit 0 when it runs.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { die "usage: $0 start DIR [AUTH_PORT] | stop DIR | status DIR"; }
(($# >= 2)) || usage
cmd=$1
DIR=$(abs_dir "$2")
AUTH_PORT=${3:-${RADIUS_PORT:-18120}}

RAD=$DIR/radius
RADDB=$RAD/raddb
PIDFILE=$DIR/run/radius.pid
LOG=$DIR/log/radius.log
PATTERN="-d $RADDB "
SECRET=${RADIUS_SECRET:-demo-radius-secret}
# /usr/sbin may be missing from a user's PATH
FREERADIUS=$(command -v freeradius || echo /usr/sbin/freeradius)

radius_stop() {
	stop_ours freeradius "$PIDFILE" "$PATTERN" TERM 10
}

# ensure_db_user: the account FreeRADIUS connects as. It reads the views and radius_nas and
# writes radacct, nothing else (README: "Wi-Fi Secure through FreeRADIUS").
ensure_db_user() {
	local pw
	if [[ ! -s $RAD/db.secret ]]; then
		(umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RAD/db.secret")
	fi
	pw=$(<"$RAD/db.secret")
	"$ROOT/scripts/db.sh" sql "$DIR" <<-EOF
		CREATE USER IF NOT EXISTS 'radius'@'localhost' IDENTIFIED BY '$pw';
		ALTER USER 'radius'@'localhost' IDENTIFIED BY '$pw';
		GRANT SELECT ON portal.radcheck TO 'radius'@'localhost';
		GRANT SELECT ON portal.radreply TO 'radius'@'localhost';
		GRANT SELECT ON portal.radius_accounts TO 'radius'@'localhost';
		GRANT SELECT ON portal.radius_users TO 'radius'@'localhost';
		GRANT SELECT ON portal.radius_nas TO 'radius'@'localhost';
		GRANT SELECT, INSERT, UPDATE ON portal.radacct TO 'radius'@'localhost';
	EOF
}

# render: DIR/radius/raddb from conf/freeradius (files ending .in have @VAR@ placeholders).
render() {
	local src=$ROOT/conf/freeradius f out pw
	pw=$(<"$RAD/db.secret")
	rm -rf "$RADDB.new"
	mkdir -p "$RADDB.new/mods" "$RADDB.new/sites"
	esc() { printf '%s' "$1" | sed 's/[\\|&]/\\&/g'; }
	for f in radiusd.conf.in clients.conf.in queries.conf users.reference mods/expr mods/pap mods/mschap \
		mods/files mods/sql.in sites/portal.in sites/reference.in; do
		out=$RADDB.new/${f%.in}
		sed -e "s|@DIR@|$(esc "$RAD")|g" -e "s|@RADDB@|$(esc "$RADDB")|g" \
			-e "s|@PIDFILE@|$(esc "$RAD/run/freeradius.pid")|g" \
			-e "s|@SECRET@|$(esc "$SECRET")|g" -e "s|@DB_USER@|radius|g" \
			-e "s|@DB_PASSWORD@|$(esc "$pw")|g" -e "s|@DB_NAME@|portal|g" \
			-e "s|@AUTH_PORT@|$AUTH_PORT|g" -e "s|@ACCT_PORT@|$((AUTH_PORT + 1))|g" \
			-e "s|@REF_PORT@|${RADIUS_REF_PORT:-}|g" \
			-e "s|@REJECT_DELAY@|${RADIUS_REJECT_DELAY:-1}|g" "$src/$f" >"$out"
	done
	# the reference server only for the benchmark
	[[ -n ${RADIUS_REF_PORT:-} ]] || echo "# (no reference server: RADIUS_REF_PORT unset)" \
		>"$RADDB.new/sites/reference"
	# shellcheck disable=SC2016 # a FreeRADIUS directive, not a shell expansion
	echo '$INCLUDE /usr/share/freeradius/dictionary' >"$RADDB.new/dictionary"
	# rlm_sql_mysql has no socket option: the MariaDB client library reads the socket from
	# the [freeradius] group of $MARIADB_HOME/my.cnf, read after /etc/mysql's files.
	printf '[freeradius]\nsocket = %s\n' "$DIR/run/mysqld.sock" >"$RADDB.new/my.cnf"
	chmod -R go-rwx "$RADDB.new"
	rm -rf "$RADDB"
	mv "$RADDB.new" "$RADDB"
}

# answers: a Status-Server to the auth port gets an answer.
answers() {
	echo "Message-Authenticator = 0x00" |
		radclient -q -r 1 -t 1 "127.0.0.1:$AUTH_PORT" status "$SECRET" >/dev/null 2>&1
}

radius_start() {
	local pid n
	if [[ ! -x $FREERADIUS ]]; then
		note "FreeRADIUS is not installed: Wi-Fi Secure authentication is not served"
		return 0
	fi
	[[ $AUTH_PORT =~ ^[0-9]+$ ]] || usage
	mkdir -p "$RAD/run" "$RAD/log" "$DIR/run" "$DIR/log"
	radius_stop
	ensure_db_user
	render
	if ! MARIADB_HOME=$RADDB "$FREERADIUS" -C -d "$RADDB" -n radiusd >"$RAD/log/check.log" 2>&1; then
		tail_log "$RAD/log/check.log" 30
		die "FreeRADIUS refused its configuration ($RADDB)"
	fi
	printf '\n=== %s freeradius started by scripts/radius.sh\n' "$(date '+%F %T')" >>"$LOG"
	# -l: its log lines; stdout/stderr (what it says before it has read its configuration) too
	# shellcheck disable=SC2094
	MARIADB_HOME=$RADDB "$FREERADIUS" -f -d "$RADDB" -n radiusd -l "$LOG" \
		</dev/null >>"$LOG" 2>&1 &
	pid=$!
	echo "$pid" >"$PIDFILE"
	disown
	for ((n = 0; n < 150; n++)); do
		answers && return 0
		if ! kill -0 "$pid" 2>/dev/null; then
			tail_log "$LOG" 30
			rm -f "$PIDFILE"
			die "FreeRADIUS exited while starting"
		fi
		sleep 0.1
	done
	tail_log "$LOG" 30
	radius_stop
	die "FreeRADIUS did not answer on 127.0.0.1:$AUTH_PORT within 15 s"
}

case $cmd in
start) radius_start ;;
stop) radius_stop ;;
status) find_ours "$PIDFILE" "$PATTERN" >/dev/null ;;
*) usage ;;
esac
