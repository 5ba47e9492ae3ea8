#!/usr/bin/env bash
# Both reports at scale: loads ROWS (default 1,000,000) synthetic case rows
# into a private MariaDB with the service's schema, then calls each report
# through the server's gRPC API with the operators' CLI, as BKN's supervisor
# (national) and for one agency, RUNS times each. The baseline in the same
# run is a trivial RPC through the same CLI (process start, token, call):
# the ratio says what the report itself costs. Prints the plan of each
# report query too.
#   ROWS=1000000 RUNS=5 bench/report_scale.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build/test"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}
TMP=$(mktemp -d /tmp/discipline-reportbench.XXXXXX)
source "$ROOT/bench/lib/schema_db.sh"
trap bench_cleanup EXIT
bench_schema_db
agencies=$(for i in $(seq 0 499); do printf "'AG%03d'," "$i"; done | sed 's/,$//')
provisions="'PP94.3.d','PP94.4.f','PP94.5.a','PP94.5.c','PP94.5.n.1','PP94.5.n.2','PP94.5.n.3','PP94.5.n.4','PP94.5.n.5','PP94.5.n.6','PP94.5.n.7','PP94.5.g'"
start=$(date +%s)
# 500 agencies; a third of the cases follow a recommendation (states 1-4,
# due 14 days after receipt, done ones decided 0-19 days after it, one KASN
# aspect each); 60% decided with a punishment under one of 12 provisions.
# In chunks of 100,000 rows: one INSERT … SELECT of a million rows with
# these indexes outgrows the lock table of a 256 MB buffer pool.
for ((lo = 1; lo <= ROWS; lo += 100000)); do
  hi=$(( lo + 99999 < ROWS ? lo + 99999 : ROWS ))
  db_admin "$DB" discipline -e "
INSERT INTO cases (case_id, agency_code, register_number, state, version, employee_nip, received_on, next_due_on,
                   case_proto, created_at, updated_at, neutrality_aspects, follow_up_state, follow_up_due_on,
                   follow_up_done_on, decided_on, punishment, provision_id)
SELECT LPAD(CONV(seq, 10, 32), 20, '0'), ELT(1 + seq % 500, $agencies), CONCAT('HD/2026/', seq), 1 + seq % 9, 1,
       LPAD(seq % 200000, 18, '1'), DATE_ADD('2026-01-01', INTERVAL seq % 330 DAY), NULL, REPEAT('x', 600),
       NOW(6), NOW(6),
       IF(seq % 3 = 0, 2 << (seq % 3 + seq % 2), 0),
       IF(seq % 3 = 0, 1 + (seq DIV 3) % 4, 0),
       IF(seq % 3 = 0, DATE_ADD('2026-01-15', INTERVAL seq % 330 DAY), NULL),
       IF(seq % 3 = 0 AND (seq DIV 3) % 4 = 3, DATE_ADD('2026-01-01', INTERVAL seq % 330 + seq % 20 DAY), NULL),
       IF(seq % 5 < 3, DATE_ADD('2026-01-01', INTERVAL seq % 330 DAY), NULL),
       IF(seq % 5 < 3, 1 + (seq DIV 7) % 9, 0),
       IF(seq % 5 < 3, ELT(1 + (seq DIV 11) % 12, $provisions), NULL)
FROM seq_${lo}_to_${hi};" >/dev/null
done
db_admin "$DB" discipline -e "ANALYZE TABLE cases" >/dev/null
echo "loaded $ROWS cases in $(( $(date +%s) - start )) s"
cli() {
  "$BUILD/service/discipline" --server="127.0.0.1:$PORT" --issuer_dir="$TMP/identity" --as=197001011995031001 \
    --roles=supervisor --agency=BKN "$@" >/dev/null
}
# Median of RUNS wall-clock calls, in ms.
time_call() {
  local samples=()
  for _ in $(seq 1 "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    cli "$@" || { echo "call failed: $*" >&2; exit 1; }
    t1=$(date +%s%N)
    samples+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
# The synthetic rows' case_proto is filler, so the baseline is a trivial
# RPC through the same CLI: process start, token, channel, one call.
base=$(time_call AddWorkingDays '{"from":"2026-12-17","days":14}')
printf '%-44s %6s ms\n' "baseline: AddWorkingDays (trivial, CLI)" "$base"
report() {
  local name=$1 rpc=$2 json=$3
  local ms
  ms=$(time_call "$rpc" "$json")
  printf '%-44s %6s ms   %5.1fx baseline   %s\n' "$name" "$ms" "$(echo "$ms / $base" | bc -l)" \
    "$([ "$ms" -le 2000 ] && echo "within 2 s" || echo "OVER 2 s")"
}
report "follow-through, national, a year" GetFollowThroughReport '{"from":"2026-01-01","to":"2026-12-31"}'
report "follow-through, one agency" GetFollowThroughReport '{"agencyCode":"AG123","from":"2026-01-01","to":"2026-12-31"}'
report "follow-through, one aspect" GetFollowThroughReport \
  '{"from":"2026-01-01","to":"2026-12-31","neutralityAspect":"NEUTRALITY_ASPECT_POLITIK"}'
report "consistency, every provision, a year" GetConsistencyReport '{"from":"2026-01-01","to":"2026-12-31"}'
report "consistency, one provision" GetConsistencyReport '{"provisionId":"PP94.5.n.1","from":"2026-01-01","to":"2026-12-31"}'
plan() {
  db_admin "$DB" discipline -N -e "EXPLAIN $1" | awk -F'\t' '{print "key=" $6 ", rows~" $9 ", " $10}'
}
echo "plan, follow-through: $(plan "SELECT agency_code, follow_up_state, COUNT(*) FROM cases WHERE follow_up_state > 0 AND received_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY 1, 2")"
echo "plan, consistency:    $(plan "SELECT provision_id, agency_code, punishment, COUNT(*) FROM cases WHERE provision_id IS NOT NULL AND decided_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY 1, 2, 3")"
