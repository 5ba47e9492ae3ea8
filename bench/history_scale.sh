#!/usr/bin/env bash
# The audit history of one case with EVENTS (default 10,000) events, read the
# way GetCaseHistory reads it (the store's statement, pages of 1,000 in
# sequence order, timed in the server over a whole read), first with the
# table holding only that case, then beside OTHER (default 10,000,000)
# events of 100,000 other cases. Prints p50/p99 of RUNS whole reads and the
# ratio (goal: p99 at most 1.5x), and apart from them the first read of each
# phase (after the load, a cold buffer pool).
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
bench_schema_db
bench_stop_server
# EVENTS rows of case 'bench-case', in chunks.
events() {
  local case_expr=$1 from=$2 to=$3
  db_admin "$DB" discipline -e "
    INSERT INTO audit_events (case_id, sequence, occurred_at, actor, action, from_state, to_state, payload_json,
                              prev_hash, hash)
    SELECT $case_expr, $4, NOW(6), '199208222019032003 (Penguji; operator)', 'IssueSummons', 1, 2,
           '{\"issued_on\":\"2026-11-02\",\"examination_on\":\"2026-11-16\"}', REPEAT('a', 64), REPEAT('b', 64)
    FROM seq_${from}_to_${to}"
}
events "'bench-case'" 1 "$EVENTS" seq
read_all() {
  # One whole read: pages of 1,000 by (case_id, sequence), as the store does.
  local sql=""
  for ((after = 0; after < EVENTS; after += 1000)); do
    sql+="SELECT case_id, sequence, DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, action, from_state, to_state, payload_json, prev_hash, hash FROM audit_events WHERE case_id = 'bench-case' AND sequence > $after ORDER BY sequence LIMIT 1000; "
  done
  echo "$sql"
}
# One read, timed in the server, in microseconds.
timed_read() {
  db_admin "$DB" discipline -N -e "SET @t = NOW(6); $1 SELECT TIMESTAMPDIFF(MICROSECOND, @t, NOW(6));" | tail -1
}
measure() {
  local sql samples=()
  sql=$(read_all)
  # The first read after a load finds the case's pages evicted by it (the
  # load goes through a small buffer pool): timed and reported apart, so
  # the percentiles compare the table's size, not the benchmark's own load.
  echo "$(timed_read "$sql")" >"$TMP/first_read_us"
  for _ in $(seq 1 "$RUNS"); do
    samples+=("$(timed_read "$sql")")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v runs="$RUNS" '{a[NR]=$1} END {
    p50 = a[int((NR + 1) / 2)]; i = int(NR * 0.99 + 0.999); if (i > NR) i = NR; p99 = a[i];
    printf "%.2f %.2f\n", p50 / 1000, p99 / 1000 }'
}
read -r base50 base99 <<<"$(measure)"
printf 'history of %d events, table of %d events:     p50 %8.2f ms   p99 %8.2f ms   (first read %.2f ms)\n' \
  "$EVENTS" "$EVENTS" "$base50" "$base99" "$(echo "$(cat "$TMP/first_read_us") / 1000" | bc -l)"
start=$(date +%s)
for ((lo = 1; lo <= OTHER; lo += 500000)); do
  hi=$(( lo + 499999 < OTHER ? lo + 499999 : OTHER ))
  # 100 events each for OTHER/100 other cases, ids interleaved with the case's.
  events "CONCAT('c', LPAD(seq DIV 100, 8, '0'))" "$lo" "$hi" "1 + seq % 100"
done
db_admin "$DB" discipline -e "ANALYZE TABLE audit_events" >/dev/null
echo "loaded $OTHER other events in $(( $(date +%s) - start )) s; the table holds $(db_admin "$DB" discipline -N -e "SELECT COUNT(*) FROM audit_events") rows"
read -r big50 big99 <<<"$(measure)"
printf 'history of %d events, table of %d events: p50 %8.2f ms   p99 %8.2f ms   (first read %.2f ms)\n' \
  "$EVENTS" "$((EVENTS + OTHER))" "$big50" "$big99" "$(echo "$(cat "$TMP/first_read_us") / 1000" | bc -l)"
echo "p99 ratio: $(echo "$big99 / $base99" | bc -l | cut -c1-4)x (goal <= 1.5x)"
