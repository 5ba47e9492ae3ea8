#!/usr/bin/env bash
# The service on MariaDB Galera, on loopback (ctest label galera:
# ./tests/run.sh -L galera). A private 3-node cluster (galera-4, rsync SST)
# and two service replicas on different nodes, all started and stopped by
# PID; 64 writers filing and moving cases through both replicas, retrying
# the same request_id; node 2 killed with -9 mid-load and brought back (it
# rejoins by IST or SST); then every acknowledged case looked for, and its
# audit chain verified, through a replica on every node, and the register
# numbers checked on every node. The last line is the verdict:
#   galera: acknowledged N, lost L, duplicated D, register gaps G, chain errors C, failover S s
# Exit status 0 only when L, D, G and C are 0, no INTERNAL was answered and
# every version race had exactly one winner.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${DISCIPLINE_BUILD:-$ROOT/build/test}
SECONDS_OF_LOAD=${GALERA_LOAD_SECONDS:-30}
WRITERS=${GALERA_WRITERS:-64}
source "$ROOT/deploy/lib/mariadb.sh"

SST_DIR="$ROOT/build/galera-sst"
PROVIDER=/usr/lib/galera/libgalera_smm.so
[ -f "$PROVIDER" ] || { echo "galera: $PROVIDER missing (deploy/setup.sh --tests installs galera-4)" >&2; exit 1; }
[ -x "$SST_DIR/wsrep_sst_rsync" ] || { echo "galera: $SST_DIR/wsrep_sst_rsync missing (deploy/setup.sh --tests)" >&2; exit 1; }

TMP=$(mktemp -d /tmp/discipline-galera.XXXXXX)
chmod 755 "$TMP"
# Ports: gcomm BASE+1..3, IST BASE+11..13, SST BASE+21..23, replicas BASE+31..33.
BASE=$(( 21000 + ($$ % 200) * 40 ))
# mariadbd runs as `nobody` when the test runs as root: the rsync SST daemon
# it starts would otherwise drop to nobody and not reach the data directory.
RUN_AS=$(id -un)
[ "$(id -u)" = 0 ] && RUN_AS=nobody
declare -A REPLICA_PID

node_dir() { echo "$TMP/n$1"; }

# The arguments of node N's mariadbd.
node_args() {
  local n=$1
  local dir
  dir=$(node_dir "$n")
  local gp=$((BASE + n)) ip=$((BASE + 10 + n)) sp=$((BASE + 20 + n))
  echo --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" \
    --socket="$dir/mariadb.sock" --pid-file="$dir/mariadbd.server.pid" --skip-networking --user="$RUN_AS" \
    --log-error="$dir/mariadb.err" --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=1 \
    --max-connections=500 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --binlog-format=ROW --innodb-autoinc-lock-mode=2 --wsrep-on=ON --wsrep-provider="$PROVIDER" \
    --wsrep-cluster-name="discipline-$$" \
    --wsrep-cluster-address="gcomm://127.0.0.1:$((BASE + 1)),127.0.0.1:$((BASE + 2)),127.0.0.1:$((BASE + 3))" \
    --wsrep-node-address="127.0.0.1:$gp" --wsrep-node-name="n$n" \
    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$gp\;ist.recv_addr=127.0.0.1:$ip\;gcache.size=256M\;evs.suspect_timeout=PT2S\;evs.inactive_timeout=PT4S\;evs.inactive_check_period=PT0.5S\;evs.keepalive_period=PT0.5S" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$sp"
}

node_start() {
  local n=$1 extra=${2:-}
  local dir
  dir=$(node_dir "$n")
  mkdir -p "$dir/tmp"
  [ "$RUN_AS" = nobody ] && chown -R nobody:nogroup "$dir"
  # shellcheck disable=SC2046
  eval "PATH=\"$SST_DIR:\$PATH\" mariadbd $(node_args "$n") $extra 2>/dev/null &"
  echo $! >"$dir/mariadbd.pid"
}

# After a kill -9: the position InnoDB recovers to (mariadbd --wsrep-recover,
# as Debian's galera_recovery does), so the node can ask for an IST instead
# of a full SST.
node_recovered_position() {
  local n=$1
  local dir
  dir=$(node_dir "$n")
  [ "$RUN_AS" = nobody ] && chown -R nobody:nogroup "$dir"
  eval "mariadbd $(node_args "$n") --wsrep-recover --log-error=$dir/recover.err 2>/dev/null" || true
  grep -oE 'Recovered position: [0-9a-f-]+:[0-9-]+' "$dir/recover.err" | tail -1 | awk '{print $3}'
}

node_synced() {
  local state
  state=$(db_admin "$(node_dir "$1")" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)
  [ "$state" = Synced ]
}

node_wait() {
  for _ in $(seq 1 240); do
    node_synced "$1" && return 0
    kill -0 "$(cat "$(node_dir "$1")/mariadbd.pid")" 2>/dev/null || {
      echo "galera: node $1 died; its log:" >&2
      tail -30 "$(node_dir "$1")/mariadb.err" >&2
      return 1
    }
    sleep 0.5
  done
  echo "galera: node $1 not Synced after 120 s" >&2
  tail -30 "$(node_dir "$1")/mariadb.err" >&2
  return 1
}

replica_start() {
  local name=$1 n=$2 port=$3
  local dir
  dir=$(node_dir "$n")
  cat >"$TMP/$name.textproto" <<CFG
$(cat "$TMP/identity.textproto")
simpeg {
  socket: "$dir/mariadb.sock" database: "simpeg_a" user: "simpeg_reader"
  password_file: "$TMP/secrets/simpeg.pw" mapping_file: "$ROOT/deploy/demo/simpeg_a.mapping.textproto"
}
documents { local_dir: "$TMP/documents-$name" }
CFG
  "$BUILD/service/discipline_server" --listen="127.0.0.1:$port" --config="$TMP/$name.textproto" \
    --db_socket="$dir/mariadb.sock" --db_user=discipline_svc --db_password_file="$TMP/secrets/svc.pw" \
    --db_migrate_user=discipline_owner --db_migrate_password_file="$TMP/secrets/owner.pw" \
    --db_wsrep_sync_wait=1 --instance_name="$name" --escalation_interval_seconds=5 \
    --port_file="$TMP/$name.port" 2>"$TMP/$name.log" &
  REPLICA_PID[$name]=$!
  for _ in $(seq 1 200); do [ -s "$TMP/$name.port" ] && return 0; sleep 0.1; done
  echo "galera: replica $name did not start; its log:" >&2
  tail -20 "$TMP/$name.log" >&2
  return 1
}

cleanup() {
  for pid in "${REPLICA_PID[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${REPLICA_PID[@]}"; do wait "$pid" 2>/dev/null || true; done
  for n in 3 2 1; do db_stop "$(node_dir "$n")" >/dev/null 2>&1 || true; done
  [ -n "${GALERA_KEEP:-}" ] && { echo "galera: kept $TMP"; return; }
  rm -rf "$TMP"
}
trap cleanup EXIT

for n in 1 2 3; do db_init "$(node_dir "$n")" >/dev/null; done
node_start 1 --wsrep-new-cluster
node_wait 1
# Accounts and the demo SIMPEG on node 1; Galera replicates them.
mkdir -p "$TMP/secrets"
db_bootstrap "$(node_dir 1)" discipline
"$ROOT/deploy/seed_demo.sh" "$(node_dir 1)"
cp "$(node_dir 1)/secrets/"*.pw "$TMP/secrets/"
for n in 2 3; do node_start "$n"; node_wait "$n"; done
size=$(db_admin "$(node_dir 1)" -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)
echo "galera: cluster of $size nodes synced"
"$BUILD/service/discipline" issuer-init "$TMP/identity" >"$TMP/identity.textproto"

PORT_A=$((BASE + 31)); PORT_B=$((BASE + 32)); PORT_C=$((BASE + 33))
replica_start A 1 "$PORT_A"
replica_start B 2 "$PORT_B"
echo "galera: replicas A (node 1, :$PORT_A) and B (node 2, :$PORT_B) serving"

"$BUILD/tests/galera_load" --mode=load --replicas="127.0.0.1:$PORT_A,127.0.0.1:$PORT_B" --issuer_dir="$TMP/identity" \
  --writers="$WRITERS" --seconds="$SECONDS_OF_LOAD" --kill_file="$TMP/kill.us" --out="$TMP/acknowledged.txt" \
  --races_after_file="$TMP/node2.back" \
  >"$TMP/load.out" 2>&1 &
load=$!
sleep $(( SECONDS_OF_LOAD / 3 ))
echo "$(( $(date +%s%N) / 1000 ))" >"$TMP/kill.us"
kill -KILL "$(cat "$(node_dir 2)/mariadbd.pid")"
echo "galera: node 2 killed (-9) under load"
sleep $(( SECONDS_OF_LOAD / 3 ))
pos=$(node_recovered_position 2)
node_start 2 "${pos:+--wsrep-start-position=$pos}"
node_wait 2
if grep -q 'IST received' "$(node_dir 2)/mariadb.err"; then how="by IST from position ${pos:-?}"; else how="by SST"; fi
echo "galera: node 2 back and Synced, $how"
# The version races run once node 2 is back, so that both replicas take part.
touch "$TMP/node2.back"
wait "$load" || true
cat "$TMP/load.out"

# Every acknowledged case through a replica on every node.
replica_start C 3 "$PORT_C"
lost=0; chain=0
for port in "$PORT_A" "$PORT_B" "$PORT_C"; do
  line=$("$BUILD/tests/galera_load" --mode=verify --replicas="127.0.0.1:$port" --issuer_dir="$TMP/identity" \
    --in="$TMP/acknowledged.txt")
  echo "galera: replica :$port $line"
  l=$(echo "$line" | sed -E 's/.*lost ([0-9]+).*/\1/'); c=$(echo "$line" | sed -E 's/.*chain errors ([0-9]+).*/\1/')
  lost=$((lost + l)); chain=$((chain + c))
done

# Register numbers and filings, on every node.
gaps=0; dups=0
for n in 1 2 3; do
  read -r g d <<<"$(db_admin "$(node_dir "$n")" discipline -N -e "
    SELECT COALESCE(SUM(mx - dist), 0), COALESCE(SUM(cnt - dist), 0) FROM (
      SELECT agency_code, LEFT(SUBSTRING_INDEX(register_number, '/', 2), 7) AS yr,
             MAX(CAST(SUBSTRING_INDEX(register_number, '/', -1) AS UNSIGNED)) AS mx,
             COUNT(DISTINCT register_number) AS dist, COUNT(*) AS cnt
      FROM cases GROUP BY agency_code, yr) t" 2>/dev/null || echo "0 0")"
  d2=$(db_admin "$(node_dir "$n")" discipline -N -e "
    SELECT (SELECT COUNT(*) FROM cases) - (SELECT COUNT(*) FROM idempotency_records WHERE method = 'FileCase')")
  echo "galera: node $n: register gaps $g, duplicate registers $d, cases without their one filing $d2"
  gaps=$((gaps + g)); dups=$((dups + d + d2))
done

# Background work on one runner: each recommendation's two escalation steps
# stored once, whichever replica's timer ran them.
recs=$(wc -l <"$TMP/acknowledged.txt.recommendations")
ids=$(sed "s/.*/'&'/" "$TMP/acknowledged.txt.recommendations" | paste -sd, -)
once=0
for n in 1 2 3; do
  once_n=$(db_admin "$(node_dir "$n")" discipline -N -e "
    SELECT COUNT(*) FROM (SELECT case_id FROM audit_events WHERE case_id IN ($ids) AND action = 'EscalateFollowUp'
    GROUP BY case_id HAVING COUNT(*) = 2 AND COUNT(DISTINCT payload_json) = 2) t")
  echo "galera: node $n: $once_n of $recs recommendations escalated overdue then blocked, each step once"
  [ "$once_n" = "$recs" ] && once=$((once + 1))
done

acknowledged=$(wc -l <"$TMP/acknowledged.txt")
failover=$(grep -oE 'failover_seconds [0-9.]+' "$TMP/load.out" | cut -d' ' -f2)
internal=$(grep -oE '[0-9]+ INTERNAL' "$TMP/load.out" | cut -d' ' -f1)
races=$(grep -oE 'races: [0-9]+ of [0-9]+' "$TMP/load.out" || echo "races: 0 of 1")
echo "galera: acknowledged $acknowledged, lost $lost, duplicated $dups, register gaps $gaps, chain errors $chain, failover ${failover:-?} s"
# Each condition that fails is named.
failed=()
[ "$lost" = 0 ] || failed+=("lost $lost")
[ "$dups" = 0 ] || failed+=("duplicated $dups")
[ "$gaps" = 0 ] || failed+=("register gaps $gaps")
[ "$chain" = 0 ] || failed+=("chain errors $chain")
[ "${internal:-1}" = 0 ] || failed+=("INTERNAL answers ${internal:-?}")
[ "$(echo "$races" | awk '{print $2}')" = "$(echo "$races" | awk '{print $4}')" ] || failed+=("$races with exactly one winner")
[ "$acknowledged" -gt 0 ] || failed+=("nothing acknowledged")
[ "$once" = 3 ] || failed+=("escalation steps not once on every node ($once of 3 nodes)")
[ "$recs" -gt 0 ] || failed+=("no recommendations filed")
grep -q 'reconnect_seconds -1' "$TMP/load.out" && failed+=("a replica did not answer after its node was back")
if [ "${#failed[@]}" -gt 0 ]; then
  printf 'galera: FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "galera: every condition holds"
