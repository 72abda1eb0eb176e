#!/usr/bin/env bash
# scripts/stack.sh start DIR PORT | stop DIR | status DIR: the whole portal on
# http://127.0.0.1:PORT/, every file it writes under DIR (`var` for make run, `var/test` for tests).
#   start  database (scripts/db.sh start, migrate, demo), $BIN_DIR/rekey (sealed values to the
#          current format and key, DIR/log/rekey.log), then in the background
#          $BIN_DIR/portal    -> DIR/run/portal.pid, DIR/log/portal.log, socket DIR/run/portal.sock
#          $BIN_DIR/mailer    -> DIR/run/mailer.pid, DIR/log/mailer.log (mail into DIR/mail/new)
#          $BIN_DIR/provisioner, when built and PROVISIONER is not 0 -> DIR/run/provisioner.pid
#          $BIN_DIR/scheduler, when built and SCHEDULER is not 0 -> DIR/run/scheduler.pid
#          nginx              -> DIR/nginx (config rendered from conf/nginx.conf.in)
#          $BIN_DIR/wifi-nthash once (NT hashes for FreeRADIUS) -> DIR/log/wifi-nthash.log, and
#          FreeRADIUS where installed (scripts/radius.sh; RADIUS=0 leaves it out) on 127.0.0.1,
#          auth RADIUS_PORT (default 18120), accounting RADIUS_PORT+1
#          then waits (30 s at most) until GET /healthz answers 200. On failure it prints the
#          last log lines, stops what it started and exits 1. Programs of a previous run still
#          running for DIR are restarted (the database is reused).
#   stop   nginx (SIGQUIT), the programs (SIGTERM, SIGKILL after 15 s), FreeRADIUS, then the
#          database.
#          Only processes whose command line names DIR are signalled. Idempotent; data is kept.
#   status names what is not running; exits 1 when the portal, nginx or the database is down.
# Environment: BIN_DIR (default build; build-asan for tests), PROVISIONER=0 to leave it out.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { die "usage: $0 start DIR PORT | stop DIR | status DIR"; }
(($# >= 2)) || usage
cmd=$1
DIR=$(abs_dir "$2")
PORT=${3:-}

BIN_DIR=${BIN_DIR:-build}
case $BIN_DIR in /*) ;; *) BIN_DIR=$ROOT/$BIN_DIR ;; esac
CONF=$ROOT/conf/portal.conf
NGX=$DIR/nginx
PROGRAMS=(portal mailer provisioner scheduler)

# Each program's command line begins `NAME -c CONF -o listen=SOCK`: that is how its PID is known
# to be ours (the binary directory may differ between runs, build/ or build-asan/).
pattern_of() { echo "$1 -c $CONF -o listen=$DIR/run/portal.sock "; }
NGX_PATTERN="-c $NGX/nginx.conf "

# stop_programs NAME...: SIGTERM to each running program NAME at once, then waits for all of them
# (15 s), then SIGKILL to whatever is left.
stop_programs() {
	local name pid
	local -A pids=()
	for name in "$@"; do
		if pid=$(find_ours "$DIR/run/$name.pid" "$(pattern_of "$name")"); then
			kill -TERM "$pid" 2>/dev/null || true
			pids[$name]=$pid
		fi
	done
	for name in "${!pids[@]}"; do
		wait_gone "${pids[$name]}" "$(pattern_of "$name")" 15 ||
			stop_ours "$name" "$DIR/run/$name.pid" "$(pattern_of "$name")" KILL 5
	done
	for name in "$@"; do rm -f "$DIR/run/$name.pid"; done
}

# nginx: SIGQUIT lets the master finish open requests (worker_shutdown_timeout bounds that). If
# it hangs: SIGTERM, then SIGKILL to the master and to its own workers.
stop_nginx() {
	local pid p workers=()
	pid=$(find_ours "$NGX/nginx.pid" "$NGX_PATTERN") || {
		rm -f "$NGX/nginx.pid"
		return 0
	}
	local stat ppid
	for p in /proc/[0-9]*; do
		read -r stat 2>/dev/null <"$p/stat" || continue
		stat=${stat##*) } # after the command name, which may hold spaces: state ppid ...
		ppid=${stat#* }
		[[ ${ppid%% *} == "$pid" ]] && workers+=("${p#/proc/}")
	done
	kill -QUIT "$pid" 2>/dev/null || true
	if ! wait_gone "$pid" "$NGX_PATTERN" 10; then
		stop_ours nginx "$NGX/nginx.pid" "$NGX_PATTERN" TERM 5
		# Workers of a master that had to be killed are left without it.
		for p in "${workers[@]}"; do
			if pid_ours "$p" "nginx: "; then kill -KILL "$p" 2>/dev/null || true; fi
		done
	fi
	rm -f "$NGX/nginx.pid"
}

stack_stop() {
	stop_nginx
	stop_programs "${PROGRAMS[@]}"
	rm -f "$DIR/run/portal.sock"
	"$ROOT/scripts/radius.sh" stop "$DIR"
	"$ROOT/scripts/db.sh" stop "$DIR"
}

# stack_status: names what is not running, one line each. Exits 1 when the site cannot serve
# (portal, nginx or the database down); a background worker down is only named.
stack_status() {
	local name down=0
	for name in "${PROGRAMS[@]}"; do
		[[ -e $DIR/run/$name.pid || $name == portal ]] || continue
		find_ours "$DIR/run/$name.pid" "$(pattern_of "$name")" >/dev/null && continue
		echo "$name is not running (see $DIR/log/$name.log)"
		[[ $name != portal ]] || down=1
	done
	find_ours "$NGX/nginx.pid" "$NGX_PATTERN" >/dev/null || {
		echo "nginx is not running (see $NGX/logs/error.log)"
		down=1
	}
	if [[ -e $DIR/run/radius.pid ]] && ! "$ROOT/scripts/radius.sh" status "$DIR"; then
		echo "freeradius is not running (see $DIR/log/radius.log)"
	fi
	"$ROOT/scripts/db.sh" status "$DIR" || {
		echo "the database server is not running (see $DIR/log/mariadb.log)"
		down=1
	}
	return "$down"
}

# render_nginx: DIR/nginx/nginx.conf from conf/nginx.conf.in.
render_nginx() {
	local user_line="" fcgi="unix:$DIR/run/portal.sock"
	[[ $(id -u) == 0 ]] && user_line="user root;"
	mkdir -p "$NGX/logs" "$NGX/tmp"
	esc() { printf '%s' "$1" | sed 's/[\\|&]/\\&/g'; }
	sed -e "s|@PORT@|$(esc "$PORT")|g" -e "s|@ROOT@|$(esc "$ROOT")|g" \
		-e "s|@FCGI@|$(esc "$fcgi")|g" -e "s|@USER_LINE@|$(esc "$user_line")|g" \
		"$ROOT/conf/nginx.conf.in" >"$NGX/nginx.conf.new"
	mv "$NGX/nginx.conf.new" "$NGX/nginx.conf"
}

# start_program NAME: NAME from BIN_DIR in the background, its output appended to DIR/log/NAME.log.
start_program() {
	local name=$1 log=$DIR/log/$1.log
	printf '\n=== %s %s started by scripts/stack.sh\n' "$(date '+%F %T')" "$name" >>"$log"
	"$BIN_DIR/$name" -c "$CONF" -o "listen=$DIR/run/portal.sock" \
		-o "db_socket=$DIR/run/mysqld.sock" -o "maildir=$DIR/mail" \
		-o "base_url=http://127.0.0.1:$PORT" </dev/null >>"$log" 2>&1 &
	echo $! >"$DIR/run/$name.pid"
	disown # it outlives this script; bash need not report its end
}

# fail MESSAGE: shows the logs that tell why, stops the stack, exits 1.
fail() {
	note "$1"
	local f
	for f in "$DIR"/log/{portal,mailer,provisioner,scheduler,radius}.log "$NGX/logs/error.log"; do
		tail_log "$f" 15
	done
	stack_stop || true
	exit 1
}

stack_start() {
	[[ $PORT =~ ^[0-9]+$ ]] || usage
	[[ $ROOT != *[[:space:]]* && $DIR != *[[:space:]]* ]] || die "paths with spaces are not supported: $DIR"
	[[ -x $BIN_DIR/portal ]] || die "no $BIN_DIR/portal: build it first (make all)"
	[[ -r $CONF ]] || die "no $CONF"
	mkdir -p "$DIR/run" "$DIR/log" "$DIR/mail/new" "$DIR/mail/cur" "$DIR/mail/tmp"

	"$ROOT/scripts/db.sh" start "$DIR"
	"$ROOT/scripts/db.sh" migrate "$DIR"
	"$ROOT/scripts/db.sh" demo "$DIR"
	# Sealed values of an older format or key (the demo data's, an upgrade's) are sealed again
	# in the current one (issue 11; see cgi-bin/rekey.c). Idempotent, and quick when done.
	if [[ -x $BIN_DIR/rekey ]]; then
		"$BIN_DIR/rekey" -c "$CONF" -o "db_socket=$DIR/run/mysqld.sock" \
			>>"$DIR/log/rekey.log" 2>&1 || fail "rekey failed (see $DIR/log/rekey.log)"
	fi

	# Programs and nginx of an earlier run that was not stopped: restart them (new binaries).
	stop_nginx
	stop_programs "${PROGRAMS[@]}"

	rm -f "$DIR/run/portal.sock"
	start_program portal
	local started=(portal)
	if [[ -x $BIN_DIR/mailer ]]; then
		start_program mailer
		started+=(mailer)
	else
		note "no $BIN_DIR/mailer: mail stays in the outbox"
	fi
	if [[ -x $BIN_DIR/provisioner && ${PROVISIONER:-1} != 0 ]]; then
		start_program provisioner
		started+=(provisioner)
	fi
	# issue 16: invitation reminders and scheduled offboarding
	if [[ -x $BIN_DIR/scheduler && ${SCHEDULER:-1} != 0 ]]; then
		start_program scheduler
		started+=(scheduler)
	fi

	# NT hashes FreeRADIUS needs for passwords stored before the portal wrote them (sql/010).
	if [[ -x $BIN_DIR/wifi-nthash ]]; then
		"$BIN_DIR/wifi-nthash" -c "$CONF" -o "db_socket=$DIR/run/mysqld.sock" \
			</dev/null >>"$DIR/log/wifi-nthash.log" 2>&1 ||
			fail "wifi-nthash failed (see $DIR/log/wifi-nthash.log)"
	fi
	if [[ ${RADIUS:-1} != 0 ]]; then
		# The portal works without it: a FreeRADIUS that cannot start (its port taken by
		# another checkout's) is named, not fatal.
		"$ROOT/scripts/radius.sh" start "$DIR" "${RADIUS_PORT:-18120}" ||
			note "FreeRADIUS did not start: Wi-Fi Secure authentication is not served (see $DIR/log/radius.log)"
	fi

	render_nginx
	local ngx_args=(-p "$NGX/" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log")
	nginx "${ngx_args[@]}" -t -q 2>"$NGX/logs/check.log" || {
		tail_log "$NGX/logs/check.log"
		fail "nginx refused $NGX/nginx.conf"
	}
	nginx "${ngx_args[@]}" -g 'daemon off;' </dev/null >>"$NGX/logs/stdout.log" 2>&1 &
	echo $! >"$NGX/nginx.pid"
	disown

	local code name deadline=$((SECONDS + 30))
	while ((SECONDS < deadline)); do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
			"http://127.0.0.1:$PORT/healthz" 2>/dev/null) || true
		if [[ $code == 200 ]]; then
			# A worker that died at once is named; the site works without it.
			for name in "${started[@]}"; do
				find_ours "$DIR/run/$name.pid" "$(pattern_of "$name")" >/dev/null ||
					note "$name exited (see $DIR/log/$name.log)"
			done
			return 0
		fi
		find_ours "$DIR/run/portal.pid" "$(pattern_of portal)" >/dev/null ||
			fail "portal exited while starting"
		find_ours "$NGX/nginx.pid" "$NGX_PATTERN" >/dev/null || fail "nginx exited while starting"
		sleep 0.1
	done
	fail "http://127.0.0.1:$PORT/healthz did not answer 200 within 30 s (last: ${code:-none})"
}

case $cmd in
start) stack_start ;;
stop) stack_stop ;;
status) stack_status ;;
*) usage ;;
esac
