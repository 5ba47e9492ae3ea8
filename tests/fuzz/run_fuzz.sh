#!/usr/bin/env bash
# tests/run.sh --fuzz: builds the libFuzzer targets with clang (ASan + UBSan)
# into build/fuzz and runs each for FUZZ_SECONDS (default 60) on one core,
# starting from its seed corpus (tests/fuzz/corpus/<target>/, copied: the
# checked-in seeds stay small). Prints one line per target with its
# executions and crashes; exits non-zero when any target crashed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$ROOT/deploy/lib/build.sh"
SECONDS_EACH=${FUZZ_SECONDS:-60}
BUILD="$ROOT/build/fuzz"
TARGETS=(request_limits page_token config nip_date json_printer)

launcher=()
targets=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DDISCIPLINE_FUZZ=ON -DDISCIPLINE_BUILD_TESTS=OFF -DDISCIPLINE_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
for t in "${TARGETS[@]}"; do targets+=(--target "${t}_fuzz"); done
cmake --build "$BUILD" -j "$(nproc)" "${targets[@]}"

WORK=$(mktemp -d /tmp/discipline-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
failed=0
for t in "${TARGETS[@]}"; do
  mkdir -p "$WORK/$t"
  cp -r "$ROOT/tests/fuzz/corpus/$t/." "$WORK/$t/" 2>/dev/null || true
  log="$WORK/$t.log"
  set +e
  ASAN_OPTIONS=detect_leaks=1 "$BUILD/tests/fuzz/${t}_fuzz" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
    -artifact_prefix="$WORK/$t-" -max_len=8192 "$WORK/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" | tail -1 || true)
  crashes=$(find "$WORK" -maxdepth 1 -name "$t-*" | wc -l)
  echo "fuzz: $t: ${execs:-0} executions in ${SECONDS_EACH} s, $crashes crashes (exit $rc)"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    tail -40 "$log"
    mkdir -p "$ROOT/build/fuzz-artifacts"
    cp "$WORK/$t-"* "$ROOT/build/fuzz-artifacts/" 2>/dev/null || true
  fi
done
exit $failed
