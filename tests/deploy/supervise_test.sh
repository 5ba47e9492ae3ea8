#!/usr/bin/env bash
# unit: deploy/lib/supervise.sh with stand-in processes: a server that
# crashes is restarted with a back-off, a database that dies is started
# again, a clean exit ends the supervision, and a start-up refusal (status
# 2, 3, 4, 5) is not restarted.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$ROOT/deploy/lib/supervise.sh"
SUPERVISE_BACKOFF_MAX=1
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$TMP"' EXIT
fail=0
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected $2, got $3"; fail=1; else echo "ok: $1"; fi; }

# 1. Crashes twice (SIGKILL, then status 1), then exits cleanly.
STARTS="$TMP/starts"
: >"$STARTS"
start_server() {
  echo x >>"$STARTS"
  case $(wc -l <"$STARTS") in
    1) sleep 30 & ;;  # killed below; long enough that a slow machine cannot let it end first
    2) bash -c 'exit 1' & ;;
    *) bash -c 'sleep 0.3; exit 0' & ;;
  esac
  SERVER_PID=$!
  return 0
}
start_database() { sleep 30 & DB_PID=$!; }
start_database
start_server
( sleep 0.05; kill -KILL "$SERVER_PID" ) &
supervise_loop >"$TMP/log1" 2>&1
rc=$?
check "a crashed server is restarted until it exits cleanly" "0" "$rc"
check "three starts" "3" "$(wc -l <"$STARTS")"
check "two restarts" "2" "$SUPERVISE_RESTARTS"
grep -q "restarting in 1 s" "$TMP/log1" || { echo "FAIL: no back-off message"; cat "$TMP/log1"; fail=1; }

# 2. A refusal at start (status 4, a busy port) is not restarted.
: >"$STARTS"
SUPERVISE_RESTARTS=0
start_server() { echo x >>"$STARTS"; bash -c 'exit 4' & SERVER_PID=$!; }
start_server
supervise_loop >"$TMP/log2" 2>&1
rc=$?
check "a start-up refusal ends the supervision with its status" "4" "$rc"
check "no restart after a refusal" "1" "$(wc -l <"$STARTS")"

# 2b. Status 5 (a schema newer than the binary, docs/operations.md) is a
# refusal too.
: >"$STARTS"
SUPERVISE_RESTARTS=0
start_server() { echo x >>"$STARTS"; bash -c 'exit 5' & SERVER_PID=$!; }
start_server
supervise_loop >"$TMP/log2b" 2>&1
rc=$?
check "a newer schema ends the supervision with its status" "5" "$rc"
check "no restart after status 5" "1" "$(wc -l <"$STARTS")"

# 3. The database dies: it is started again, the server keeps running.
DB_STARTS="$TMP/db"
: >"$DB_STARTS"
start_database() { echo x >>"$DB_STARTS"; sleep 30 & DB_PID=$!; }
start_database
start_server() { bash -c 'sleep 2; exit 0' & SERVER_PID=$!; }  # outlives the kill below by 1.8 s
start_server
( sleep 0.2; kill -KILL "$DB_PID" ) &
supervise_loop >"$TMP/log3" 2>&1
check "the database is started again" "2" "$(wc -l <"$DB_STARTS")"

if [ "$fail" = 0 ]; then echo "supervise: 4 passed, 0 failed"; else echo "supervise: failures"; exit 1; fi
