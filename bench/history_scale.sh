#!/usr/bin/env bash
# The audit history of one case with EVENTS (default 10,000) events, first
# with the table holding only that case, then beside OTHER (default
# 10,000,000) events of other cases whose ids sort on both sides of it. Each
# phase is timed two ways, RUNS whole reads each (pages of 1,000 in sequence
# order):
#   rpc    GetCaseHistory through the real server (token check, the store,
#          protobuf encoding, loopback gRPC), timed by the load client;
#   store  the store's statement alone, timed inside MariaDB.
# Prints p50/p99 and the p99 ratio (goal: at most 1.5x); the first read of
# each phase is timed apart (after the load it meets a buffer pool the load
# itself made cold).
#   EVENTS=10000 OTHER=10000000 RUNS=100 bench/history_scale.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build/test"
EVENTS=${EVENTS:-10000}
OTHER=${OTHER:-10000000}
RUNS=${RUNS:-100}
TMP=$(mktemp -d /tmp/discipline-historybench.XXXXXX)
source "$ROOT/bench/lib/schema_db.sh"
trap bench_cleanup EXIT
BENCH_SIMPEG=1 bench_schema_db

# A real case (filed through the server, so that GetCaseHistory may load it),
# then its history grown to EVENTS events.
CASE=$("$BUILD/service/discipline" --server="127.0.0.1:$PORT" --issuer_dir="$TMP/identity" \
  --as=199208222019032003 --roles=operator --agency=KOTA-CONTOH FileCase \
  '{"requestId":"history-bench","agencyCode":"KOTA-CONTOH","employeeNip":"199006052015031005","source":"SOURCE_APIP","allegations":[{"provisionId":"PP94.4.f","absenceDays":12}],"receivedOn":"2026-11-02"}' |
  grep -o '"caseId": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$CASE" ] || { echo "history_scale: the case could not be filed" >&2; exit 1; }
events() {
  local case_expr=$1 from=$2 to=$3
  db_admin "$DB" discipline -e "
    INSERT INTO audit_events (case_id, sequence, occurred_at, actor, action, from_state, to_state, payload_json,
                              prev_hash, hash)
    SELECT $case_expr, $4, NOW(6), '199208222019032003 (Penguji; operator)', 'IssueSummons', 1, 2,
           '{\"issued_on\":\"2026-11-02\",\"examination_on\":\"2026-11-16\"}', REPEAT('a', 64), REPEAT('b', 64)
    FROM seq_${from}_to_${to}"
}
events "'$CASE'" 2 "$EVENTS" seq

store_read_sql() {
  local sql=""
  for ((after = 0; after < EVENTS; after += 1000)); do
    sql+="SELECT case_id, sequence, DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, action, from_state, to_state, payload_json, prev_hash, hash FROM audit_events WHERE case_id = '$CASE' AND sequence > $after ORDER BY sequence LIMIT 1000; "
  done
  echo "$sql"
}
# The store's statement: one read timed in the server, in microseconds.
timed_store_read() {
  db_admin "$DB" discipline -N -e "SET @t = NOW(6); $1 SELECT TIMESTAMPDIFF(MICROSECOND, @t, NOW(6));" | tail -1
}
# Prints "p50 p99 first" in ms for the store's statement.
measure_store() {
  local sql first samples=()
  sql=$(store_read_sql)
  first=$(timed_store_read "$sql")
  for _ in $(seq 1 "$RUNS"); do samples+=("$(timed_store_read "$sql")"); done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v first="$first" '{a[NR]=$1} END {
    p50 = a[int((NR + 1) / 2)]; i = int(NR * 0.99 + 0.999); if (i > NR) i = NR; p99 = a[i];
    printf "%.2f %.2f %.2f\n", p50 / 1000, p99 / 1000, first / 1000 }'
}
# Prints "p50 p99 first" in ms for GetCaseHistory through the server.
measure_rpc() {
  "$BUILD/bench/load_client" --server="127.0.0.1:$PORT" --issuer_dir="$TMP/identity" --scenarios=history \
    --history_case="$CASE" --history_reads="$RUNS" | tee "$TMP/rpc.txt" >&2
  sed -n 's/.*p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms (first read \([0-9.]*\) ms).*/\1 \2 \3/p' "$TMP/rpc.txt"
}
report() {
  printf '%-6s history of %d events, table of %8d events: p50 %8.2f ms   p99 %8.2f ms   (first read %.2f ms)\n' "$@"
}
read -r rpc50 rpc99 rpc1 <<<"$(measure_rpc)"
read -r sto50 sto99 sto1 <<<"$(measure_store)"
report rpc "$EVENTS" "$EVENTS" "$rpc50" "$rpc99" "$rpc1"
report store "$EVENTS" "$EVENTS" "$sto50" "$sto99" "$sto1"

start=$(date +%s)
for ((lo = 1; lo <= OTHER; lo += 500000)); do
  hi=$(( lo + 499999 < OTHER ? lo + 499999 : OTHER ))
  # 100 events each for OTHER/100 other cases: ids of the case's first eight
  # characters, then '0' or 'z', so that half sort before it and half after.
  events "CONCAT(SUBSTR('$CASE', 1, 8), IF(seq % 2 = 0, '0', 'z'), LPAD(seq DIV 100, 11, '0'))" "$lo" "$hi" "1 + seq % 100"
done
db_admin "$DB" discipline -e "ANALYZE TABLE audit_events" >/dev/null
echo "loaded $OTHER other events in $(( $(date +%s) - start )) s; the table holds $(db_admin "$DB" discipline -N -e "SELECT COUNT(*) FROM audit_events") rows"
read -r big_rpc50 big_rpc99 big_rpc1 <<<"$(measure_rpc)"
read -r big_sto50 big_sto99 big_sto1 <<<"$(measure_store)"
total=$((EVENTS + OTHER))
report rpc "$EVENTS" "$total" "$big_rpc50" "$big_rpc99" "$big_rpc1"
report store "$EVENTS" "$total" "$big_sto50" "$big_sto99" "$big_sto1"
printf "p99 ratio, GetCaseHistory: %.2fx; the store's statement: %.2fx (goal <= 1.5x)\n" \
  "$(echo "$big_rpc99 / $rpc99" | bc -l)" "$(echo "$big_sto99 / $sto99" | bc -l)"
