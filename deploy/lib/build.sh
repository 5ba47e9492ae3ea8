# build_project BUILD_DIR TESTS(ON|OFF) [CMAKE ARGS...]: configures and
# builds with CMake, through ccache when present. Sourced by deploy/run.sh and
# tests/run.sh. Extra arguments go to the configure step (--sanitize, --fuzz).
build_project() {
  local build_dir=$1 with_tests=$2
  shift 2
  local launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
    -DDISCIPLINE_BUILD_TESTS="$with_tests" -DDISCIPLINE_BUILD_BENCH="$with_tests" "${launcher[@]}" "$@" >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
}
