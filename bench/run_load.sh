#!/usr/bin/env bash
# Runs the load client against a private MariaDB and the real server, both
# started here and stopped by PID. Build first with ./tests/run.sh.
#   bench/run_load.sh [load_client flags, e.g. --concurrency=16 --seconds=10]
#   SERVER_ARGS="--worker_threads=4" bench/run_load.sh   (extra server flags)
#   SERVER_ENV="GLIBC_TUNABLES=glibc.malloc.mxfast=0" bench/run_load.sh
#                                             (environment of the server alone)
#   bench/run_load.sh --scenarios=filecase   (one scenario; the cpu: lines then
#                                             tell what each process spent on it)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build/test"
source "$ROOT/deploy/lib/mariadb.sh"
TMP=$(mktemp -d /tmp/discipline-bench.XXXXXX)
DB="$TMP/mariadb"
SERVER_PID=""
# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo "?"
}
cleanup() {
  # What the server and MariaDB spent on the whole run (start-up included).
  [ -n "$SERVER_PID" ] && echo "cpu: server $(cpu_seconds "$SERVER_PID") s, mariadbd $(cpu_seconds "$(cat "$DB/mariadbd.pid")") s"
  [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  # How the filings were grouped into transactions.
  grep -ho "filings: .*" "$TMP/server.log" 2>/dev/null || true
  db_stop "$DB"
  rm -rf "$TMP"
}
trap cleanup EXIT
db_init "$DB"
db_start "$DB"
db_bootstrap "$DB" discipline
"$ROOT/deploy/seed_demo.sh" "$DB"
db_admin "$DB" -e "CREATE DATABASE IF NOT EXISTS discipline_bench"
"$BUILD/service/discipline" issuer-init "$TMP/identity" >"$TMP/identity.textproto"
cat >"$TMP/server.textproto" <<CFG
$(cat "$TMP/identity.textproto")
simpeg { socket: "$DB/mariadb.sock" database: "simpeg_a" user: "simpeg_reader"
         password_file: "$DB/secrets/simpeg.pw" cache_ttl_seconds: 300
         mapping_file: "$ROOT/deploy/demo/simpeg_a.mapping.textproto" }
CFG
start_server() {
  rm -f "$TMP/port" "$TMP/http.port"
  env ${SERVER_ENV:-} "$BUILD/service/discipline_server" --listen=127.0.0.1:0 --port_file="$TMP/port" --config="$TMP/server.textproto" \
    --db_socket="$DB/mariadb.sock" --db_user=discipline_svc --db_password_file="$DB/secrets/svc.pw" \
    --db_migrate_user=discipline_owner --db_migrate_password_file="$DB/secrets/owner.pw" \
    --http_listen=127.0.0.1:0 --http_port_file="$TMP/http.port" ${SERVER_ARGS:-} 2>>"$TMP/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 300); do [ -f "$TMP/port" ] && [ -f "$TMP/http.port" ] && break; sleep 0.01; done
}
start_server
/usr/bin/time -f "cpu: load_client %U s user, %S s system" "$BUILD/bench/load_client" --server="127.0.0.1:$(cat "$TMP/port")" --db_socket="$DB/mariadb.sock" \
  --db_user=discipline_owner --db_password_file="$DB/secrets/owner.pw" --db_name=discipline_bench \
  --issuer_dir="$TMP/identity" --http_port="$(cat "$TMP/http.port")" --server_pid="$SERVER_PID" "$@"

# Warm restart: SIGTERM, then the same server again (database, migrations,
# caches all warm), timed until it answers a call (the CLI's AddWorkingDays,
# whose own start is the baseline, measured alone first).
cli_call() {
  "$BUILD/service/discipline" --server="127.0.0.1:$(cat "$TMP/port" 2>/dev/null)" --issuer_dir="$TMP/identity" \
    --as=199208222019032003 --roles=operator --agency=KOTA-CONTOH AddWorkingDays '{"from":"2026-12-17","days":14}' \
    >/dev/null 2>&1
}
t0=$(date +%s%N); cli_call; cli_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
t0=$(date +%s%N)
start_server
until cli_call; do sleep 0.01; done
restart_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "warm restart to SERVING (first call answered): $restart_ms ms, of which one CLI call $cli_ms ms (goal <= 3 s)"
