#!/usr/bin/env bash
# ListCases at scale: loads ROWS (default 1,000,000) synthetic case rows into a
# private MariaDB with the service's schema, then times each query shape the
# store issues (server side, 20 runs each, one session) and shows its plan.
#   ROWS=1000000 bench/list_scale.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build/test"
ROWS=${ROWS:-1000000}
TMP=$(mktemp -d /tmp/discipline-listbench.XXXXXX)
source "$ROOT/bench/lib/schema_db.sh"
trap bench_cleanup EXIT
bench_schema_db
bench_stop_server
agencies=$(for i in $(seq 0 499); do printf "'AG%03d'," "$i"; done | sed 's/,$//')
start=$(date +%s)
# 500 agencies, 9 states, 200,000 employees, 1% of cases with an open deadline.
db_admin "$DB" discipline -e "
INSERT INTO cases (case_id, agency_code, register_number, state, version, employee_nip, received_on, next_due_on,
                   case_proto, created_at, updated_at)
SELECT LPAD(CONV(seq, 10, 32), 20, '0'), ELT(1 + seq % 500, $agencies), CONCAT('HD/2026/', seq), 1 + seq % 9, 1,
       LPAD(seq % 200000, 18, '1'), '2026-01-01',
       IF(seq % 100 = 0, DATE_ADD('2026-01-01', INTERVAL seq % 300 DAY), NULL), REPEAT('x', 600), NOW(6), NOW(6)
FROM seq_1_to_$ROWS; ANALYZE TABLE cases;" >/dev/null
echo "loaded $ROWS cases in $(( $(date +%s) - start )) s"
run() {
  local name=$1 where=$2 order=${3:-case_id}
  local sql="SELECT case_id, case_proto FROM cases WHERE $where ORDER BY $order LIMIT 51"
  local us
  us=$(db_admin "$DB" discipline -N -e "SET @t = NOW(6); $(for _ in $(seq 1 20); do printf '%s; ' "$sql"; done) SELECT TIMESTAMPDIFF(MICROSECOND, @t, NOW(6)) / 20;" | tail -1)
  local plan
  plan=$(db_admin "$DB" discipline -N -e "EXPLAIN $sql" | awk -F'\t' '{print "key=" $6 ", rows~" $9 ", " $10}')
  printf '%-28s %8.2f ms   %s\n' "$name" "$(echo "$us / 1000" | bc -l)" "$plan"
}
run "first page" "case_id > ''"
run "later page" "case_id > '00000000000000000u00'"
run "agency" "case_id > '' AND agency_code = 'AG123'"
run "agency, later page" "case_id > '0000000000000000u000' AND agency_code = 'AG123'"
run "state" "case_id > '' AND state = 5"
run "employee" "case_id > '' AND employee_nip = '111111111111112345'"
# overdue_only runs most overdue first (next_due_on, case_id), as the store issues it.
run "overdue" "next_due_on < '2026-10-15'" "next_due_on, case_id"
run "overdue, later page" "next_due_on < '2026-10-15' AND (next_due_on > '2026-03-01' OR (next_due_on = '2026-03-01' AND case_id > '0000000000000000u000'))" "next_due_on, case_id"
run "agency + overdue" "next_due_on < '2026-10-15' AND agency_code = 'AG100'" "next_due_on, case_id"
run "agency + state + overdue" "next_due_on < '2026-10-15' AND agency_code = 'AG100' AND state = 2" "next_due_on, case_id"
