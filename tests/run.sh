#!/usr/bin/env bash
# The test command: set-up, build with tests, a throwaway MariaDB and
# PostgreSQL in a temp dir, every ctest test (labels unit, db, e2e), every
# server stopped by PID.
# Exit status: ctest's (non-zero when any test fails). Arguments go to ctest:
#   tests/run.sh -L db          only the database tests
#   tests/run.sh -R Batch --repeat until-fail:20
#   tests/run.sh -L fault       the fault-injection tests
# Two modes take the first argument:
#   tests/run.sh --sanitize     the unit and db suites built with ASan + UBSan
#                               (build/sanitize), then ctest -L 'unit|db'
#   tests/run.sh --fuzz         the libFuzzer targets built with clang
#                               (build/fuzz), each run FUZZ_SECONDS (60) from
#                               its seed corpus in tests/fuzz/corpus/
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build/test"
source "$ROOT/deploy/lib/mariadb.sh"
source "$ROOT/deploy/lib/build.sh"
source "$ROOT/deploy/lib/reporter_key.sh"
source "$ROOT/deploy/lib/postgres.sh"

MODE=normal
case "${1:-}" in
  --sanitize) MODE=sanitize; shift ;;
  --fuzz) MODE=fuzz; shift ;;
esac

start=$(date +%s)
"$ROOT/deploy/setup.sh" --tests

# The house style is enforced: every C++ file as .clang-format lays it out
# (clang-format -i --style=file on a file puts it right).
if ! (cd "$ROOT" && git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror --style=file); then
  echo "tests: C++ files differ from .clang-format (run clang-format -i --style=file on them)" >&2
  exit 1
fi

if [ "$MODE" = fuzz ]; then
  exec "$ROOT/tests/fuzz/run_fuzz.sh" "$@"
fi
if [ "$MODE" = sanitize ]; then
  BUILD="$ROOT/build/sanitize"
  build_project "$BUILD" ON -DDISCIPLINE_SANITIZE=ON -DDISCIPLINE_BUILD_BENCH=OFF
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitize/lsan.supp:print_suppressions=0"
  set -- -L 'unit|db' "$@"
else
  build_project "$BUILD" ON
  # The Galera cluster test only when asked for (-L galera): it takes the
  # machine for itself for about two minutes.
  case " $* " in
    *" -L "*|*" --label-regex "*) ;;
    *) set -- -LE galera "$@" ;;
  esac
fi
echo "tests: build done in $(( $(date +%s) - start )) s"

TMP=$(mktemp -d /tmp/discipline-test.XXXXXX)
DB_DIR="$TMP/mariadb"
PG_DIR="$TMP/postgres"
cleanup() {
  pg_stop "$PG_DIR"
  db_stop "$DB_DIR"
  rm -rf "$TMP"
}
trap cleanup EXIT

db_init "$DB_DIR"
db_start "$DB_DIR"
db_bootstrap "$DB_DIR" discipline
"$ROOT/deploy/seed_demo.sh" "$DB_DIR"
# A private PostgreSQL (socket only) with the demo SIMPEG in PostgreSQL, for
# the SQL personnel source's PostgreSQL driver.
mkdir -p "$PG_DIR"
pg_init "$PG_DIR"
pg_start "$PG_DIR"
pg_seed_demo "$PG_DIR"

# The demo issuer of the tests: every test's token is signed by it and
# verified by the server exactly as in production.
"$BUILD/service/discipline" issuer-init "$TMP/identity" >"$TMP/identity.textproto"
export DISCIPLINE_TEST_ISSUER_DIR="$TMP/identity"

export DISCIPLINE_TEST_DB_SOCKET="$DB_DIR/mariadb.sock"
export DISCIPLINE_TEST_DB_OWNER=discipline_owner
export DISCIPLINE_TEST_DB_OWNER_PASSWORD_FILE="$DB_DIR/secrets/owner.pw"
export DISCIPLINE_TEST_DB_SERVICE=discipline_svc
export DISCIPLINE_TEST_DB_SERVICE_PASSWORD_FILE="$DB_DIR/secrets/svc.pw"
export DISCIPLINE_SERVER_BIN="$BUILD/service/discipline_server"
export DISCIPLINE_TEST_TMP="$TMP"
export DISCIPLINE_TEST_SIMPEG_PASSWORD_FILE="$DB_DIR/secrets/simpeg.pw"
export DISCIPLINE_TEST_PG_SOCKET_DIR="$PG_DIR"
export DISCIPLINE_TEST_PG_PASSWORD_FILE="$PG_DIR/secrets/simpeg.pw"
# The reporter key of the servers the tests start (tests/testing/server_process.cc).
ensure_reporter_key "$TMP/secrets/reporter.key"
export DISCIPLINE_TEST_REPORTER_KEY_FILE="$TMP/secrets/reporter.key"

set +e
ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)" --timeout 600 "$@"
rc=$?
set -e
echo "tests: finished in $(( $(date +%s) - start )) s, ctest exit status $rc"
exit $rc
