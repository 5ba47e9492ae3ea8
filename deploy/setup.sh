#!/usr/bin/env bash
# Installs what asn-discipline needs from Debian 12's packages, and only what
# is missing. Safe to run twice; fast when everything is present.
#   deploy/setup.sh           what the build and the server need
#   deploy/setup.sh --tests   also the browser tests' tools: Debian's chromium,
#                             Node.js and playwright-core (npm, tests/browser)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

PACKAGES=(
  g++ cmake make pkg-config ccache
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libgoogle-glog-dev libssl-dev
  libmariadb-dev mariadb-server-core mariadb-client-core libcurl4-openssl-dev
  # A SIMPEG in PostgreSQL (libpq); the server binaries for the tests' private
  # PostgreSQL (tests/run.sh starts its own cluster, never the system service).
  libpq-dev postgresql
  # A real WebDAV peer (Apache mod_dav) for the document tests; no service scripts.
  apache2-bin apache2-utils
  libgtest-dev libgmock-dev libbenchmark-dev
  # The intranet's JSON/HTTP gateway.
  libcpp-httplib-dev
  # google/rpc/{status,error_details}.proto, which Debian ships only here.
  golang-github-gogo-googleapis-dev
  # grpc.health.v1 and reflection .proto files, for the tests' clients.
  grpc-proto
  # The tests' peers: openssl makes the test CA, python3 serves a JWKS.
  openssl python3
  # The letters: PDF through Cairo and Pango, templates in Mustache, and the
  # fonts embedded in them.
  libcairo2-dev libpango1.0-dev libkainjow-mustache-dev fonts-liberation2 fonts-dejavu-core
  # tests/run.sh --fuzz: clang with libFuzzer (tests/run.sh --sanitize uses g++).
  clang libclang-rt-14-dev
  # tests/run.sh checks every C++ file against .clang-format.
  clang-format
)
if [ "${1:-}" = "--tests" ]; then
  # The Galera test's cluster (tests/galera): the provider, and rsync for its
  # state transfers.
  PACKAGES+=(chromium galera-4 rsync)
  # The reference Prometheus text parser for GET /metrics (operations_e2e_test),
  # and systemd-analyze and dpkg-dev for the package test (tests/deploy/package_test.sh;
  # installing systemd starts nothing where it is not PID 1).
  PACKAGES+=(python3-prometheus-client systemd dpkg-dev)
  # pdftotext, for the letters' tests.
  PACKAGES+=(poppler-utils)
  command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
  command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
fi

# playwright-core for the browser tests, from the lock file (no browser
# download: the tests drive Debian's chromium).
browser_tools() {
  [ "${1:-}" = "--tests" ] || return 0
  if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
    (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
    echo "setup: playwright-core installed in tests/browser"
  fi
}

# The Galera test's state-transfer scripts (wsrep_sst_rsync and its common
# part) come with Debian's mariadb-server package, whose installation would
# start a system-wide MariaDB: they are taken out of the package file into
# build/galera-sst instead. Without them only the Galera test cannot run.
galera_sst() {
  [ "${1:-}" = "--tests" ] || return 0
  local dest="$ROOT/build/galera-sst"
  [ -x "$dest/wsrep_sst_rsync" ] && return 0
  local tmp
  tmp=$(mktemp -d)
  if (cd "$tmp" && apt-get download mariadb-server >/dev/null 2>&1) && dpkg-deb -x "$tmp"/mariadb-server_*.deb "$tmp/x"; then
    mkdir -p "$dest"
    cp "$tmp/x/usr/bin/wsrep_sst_common" "$tmp/x/usr/bin/wsrep_sst_rsync" "$dest/"
    echo "setup: Galera SST scripts in $dest (from Debian's mariadb-server package, not installed)"
  else
    echo "setup: could not fetch mariadb-server for the Galera SST scripts; the galera test will not run" >&2
  fi
  chmod -R a+rX "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}

missing=()
for p in "${PACKAGES[@]}"; do
  [[ "$p" == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  browser_tools "$@"
  galera_sst "$@"
  exit 0
fi

echo "setup: missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: run as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends keeps the Go toolchain out (the googleapis package
# recommends it); mariadb-server-core has no init scripts, so no system-wide
# MariaDB is started.
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: installed ${missing[*]}"
browser_tools "$@"
galera_sst "$@"
