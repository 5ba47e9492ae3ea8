# Supervision of the server by deploy/run.sh, as systemd's Restart=on-failure
# would: a crash (a signal, or an exit status other than 0 and the start-up
# refusals 2, 3, 4, 5) restarts the server after a back-off of 1 s doubling to
# 30 s (reset after 60 s of running); MariaDB is restarted when it dies. A
# clean exit or a start-up refusal ends the supervision. Sourced.
#
# The caller defines:
#   start_server   starts the server in the background, sets SERVER_PID, and
#                  returns once it serves (non-zero when it did not start)
#   start_database starts MariaDB in the background, sets DB_PID
# and calls supervise_loop after the first start of both.

SUPERVISE_BACKOFF_MAX=${SUPERVISE_BACKOFF_MAX:-30}
SUPERVISE_STABLE_SECONDS=${SUPERVISE_STABLE_SECONDS:-60}
SUPERVISE_RESTARTS=0

supervise_loop() {
  local backoff=1 started finished rc
  started=$(date +%s)
  while :; do
    finished=""
    rc=0
    wait -n -p finished "$SERVER_PID" "$DB_PID" || rc=$?
    if [ "$finished" = "$DB_PID" ]; then
      echo "supervise: MariaDB (pid $DB_PID) exited with status $rc; starting it again" >&2
      start_database || { echo "supervise: MariaDB did not start again" >&2; return 1; }
      continue
    fi
    [ "$finished" = "$SERVER_PID" ] || continue
    case $rc in
      0) echo "supervise: the server exited cleanly"; return 0 ;;
      2|3|4|5) echo "supervise: the server refused to start (status $rc); not restarting" >&2; return "$rc" ;;
    esac
    if (( $(date +%s) - started >= SUPERVISE_STABLE_SECONDS )); then backoff=1; fi
    echo "supervise: the server (pid $SERVER_PID) exited with status $rc; restarting in ${backoff} s" >&2
    sleep "$backoff"
    backoff=$(( backoff * 2 > SUPERVISE_BACKOFF_MAX ? SUPERVISE_BACKOFF_MAX : backoff * 2 ))
    SUPERVISE_RESTARTS=$((SUPERVISE_RESTARTS + 1))
    started=$(date +%s)
    start_server || true
    echo "supervise: the server runs again (pid $SERVER_PID, restart $SUPERVISE_RESTARTS)"
  done
}
