# shellcheck shell=bash
# Helpers shared by the scripts in scripts/ (sourced, not run).
#
# Processes are only ever signalled after pid_ours has checked that the PID is alive and that its
# command line carries an argument unique to this checkout (its data directory, socket or config
# path), so a stale pid file whose PID now belongs to someone else is never acted on.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export LC_ALL=C

die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }
note() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

# abs_dir DIR: creates DIR if needed and prints its absolute path (relative paths are taken from
# the project root, so `var` means ROOT/var whatever the caller's working directory).
abs_dir() {
	local d=$1
	case $d in /*) ;; *) d="$ROOT/$d" ;; esac
	mkdir -p "$d" && (cd "$d" && pwd)
}

# pid_ours PID PATTERN: true when PID is alive and its command line contains PATTERN (a zombie
# has an empty command line, so it counts as gone).
pid_ours() {
	local pid=$1 pat=$2 cmd
	local -a argv
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	mapfile -d '' argv 2>/dev/null <"/proc/$pid/cmdline" || return 1
	cmd="${argv[*]}"
	[[ -n $cmd && $cmd == *"$pat"* ]]
}

# find_ours PIDFILE PATTERN: prints the PID of our process: the one in PIDFILE if it is ours, else
# any process whose command line contains PATTERN (a pid file lost in a crash). Fails if none.
find_ours() {
	local pidfile=$1 pat=$2 pid p
	if [[ -r $pidfile ]]; then
		read -r pid <"$pidfile" || true
		if pid_ours "${pid:-}" "$pat"; then
			echo "$pid"
			return 0
		fi
	fi
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[[ $p == "$$" || $p == "$BASHPID" ]] && continue
		if pid_ours "$p" "$pat"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# wait_gone PID PATTERN SECONDS: waits until PID is no longer our process; fails on timeout.
wait_gone() {
	local pid=$1 pat=$2 n=$(($3 * 10))
	while ((n-- > 0)); do
		pid_ours "$pid" "$pat" || return 0
		sleep 0.1
	done
	return 1
}

# stop_ours NAME PIDFILE PATTERN [SIGNAL] [SECONDS]: stops our process gracefully with SIGNAL
# (TERM by default), then with SIGKILL after SECONDS (10 by default). Quiet when not running.
stop_ours() {
	local name=$1 pidfile=$2 pat=$3 sig=${4:-TERM} secs=${5:-10} pid
	if pid=$(find_ours "$pidfile" "$pat"); then
		kill "-$sig" "$pid" 2>/dev/null || true
		if ! wait_gone "$pid" "$pat" "$secs"; then
			note "$name (pid $pid) did not stop within ${secs}s; killing it"
			if pid_ours "$pid" "$pat"; then kill -KILL "$pid" 2>/dev/null || true; fi
			wait_gone "$pid" "$pat" 5 || note "$name (pid $pid) is still running"
		fi
	fi
	rm -f "$pidfile"
}

# conf_get KEY FILE: the value of `KEY = value` in a portal-style config file (last one wins).
conf_get() {
	[[ -r $2 ]] || return 1
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$2" | sed 's/[[:space:]]*$//' | tail -n 1
}

# tail_log FILE: the last lines of a log file, indented, for error messages.
tail_log() {
	[[ -s $1 ]] || return 0
	printf '  --- last lines of %s ---\n' "$1" >&2
	tail -n "${2:-20}" "$1" | sed 's/^/  /' >&2
}
