#!/usr/bin/env bash
# scripts/run.sh (what `make run` calls): installs what is missing, builds, starts the whole portal
# with its data under var/ (scripts/stack.sh), prints the URL and the demo accounts, and stays in
# the foreground. Ctrl-C or SIGTERM stops everything it started and exits 0; var/ is kept, so the
# next run finds the same data. Mail is written to var/mail/new/. PORT=8080 by default.
# FreeRADIUS (where installed) on 127.0.0.1: RADIUS_PORT (18120) auth, RADIUS_PORT+1 accounting.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

PORT=${PORT:-8080}
if ! [[ $PORT =~ ^[1-9][0-9]{0,4}$ ]] || ((PORT > 65535)); then
	die "PORT must be a port number, not '$PORT'"
fi
export RADIUS_PORT=${RADIUS_PORT:-18120}
if ! [[ $RADIUS_PORT =~ ^[1-9][0-9]{0,4}$ ]] || ((RADIUS_PORT > 65534)); then
	die "RADIUS_PORT must be a port number below 65535, not '$RADIUS_PORT'"
fi
VAR=$ROOT/var
LOCK=$VAR/run/run.pid

# One `make run` per checkout: another live one owns var/ and would be disturbed. A run.pid left
# by a run that was killed names a dead process (or someone else's), and is taken over.
mkdir -p "$VAR/run"
if [[ -r $LOCK ]]; then
	read -r other <"$LOCK" || true
	if [[ ${other:-} != "$$" ]] && pid_ours "${other:-}" "scripts/run.sh" &&
		[[ $(readlink "/proc/$other/cwd") == "$ROOT" ]]; then
		die "make run is already running in $ROOT (pid $other); stop it first (Ctrl-C there)"
	fi
fi
echo $$ >"$LOCK"

started=0
sleeper=
stop_all() {
	trap '' INT TERM
	if [[ -n $sleeper ]]; then kill "$sleeper" 2>/dev/null || true; fi
	if ((started)); then
		echo "Stopping the portal (data kept in var/)..."
		"$ROOT/scripts/stack.sh" stop "$VAR" || true
	fi
	rm -f "$LOCK" "$VAR/run/status"
}
on_signal() {
	stop_all
	trap - EXIT
	exit 0
}
on_exit() {
	local rc=$?
	stop_all
	exit "$rc"
}
trap on_signal INT TERM
trap on_exit EXIT

"$ROOT/scripts/deps.sh" run
make -s -j"$(nproc)" all
started=1
"$ROOT/scripts/stack.sh" start "$VAR" "$PORT"

cat <<EOF

Portal running at http://127.0.0.1:$PORT/

Demo accounts, every password demo-password-1:
  admin@acme.test      occupier admin, Acme Ltd        (operator Demo Workspaces)
  user@acme.test       occupier user, Acme Ltd
  admin@globex.test    occupier admin, Globex
  ops@demo.test        platform super admin, Demo Workspaces
  admin@initech.test   occupier admin, Initech         (operator Other Spaces)
  ops@other.test       platform super admin, Other Spaces

Mail: var/mail/new/   Logs: var/log/, var/nginx/logs/   Stop: Ctrl-C (the data in var/ is kept)
EOF
if "$ROOT/scripts/radius.sh" status "$VAR"; then
	cat <<EOF
Wi-Fi Secure (FreeRADIUS): 127.0.0.1 UDP $RADIUS_PORT (auth), $((RADIUS_PORT + 1)) (accounting),
  secret demo-radius-secret, e.g.
  radtest user@acme.test DemoWifi2026x 127.0.0.1:$RADIUS_PORT 0 demo-radius-secret 0 127.0.0.1
EOF
fi

# Stay in the foreground, checking every 2 s that everything still runs. Children run in the
# background and are waited for: `wait` returns as soon as a trapped signal arrives, where a
# foreground command would hold the trap back until it ended. The portal, nginx or the database
# gone ends the run; a background worker gone (mailer, provisioner) is reported once.
status=$VAR/run/status
reported=
while :; do
	sleep 2 &
	sleeper=$!
	wait "$sleeper" || true
	"$ROOT/scripts/stack.sh" status "$VAR" >"$status" 2>&1 &
	sleeper=$!
	rc=0
	wait "$sleeper" || rc=$?
	sleeper=
	down=$(<"$status")
	if ((rc)); then
		note "$down"
		tail_log "$VAR/log/portal.log" 15
		exit 1
	fi
	if [[ $down != "$reported" ]]; then
		[[ -z $down ]] || note "$down"
		reported=$down
	fi
done
