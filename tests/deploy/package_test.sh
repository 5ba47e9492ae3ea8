#!/usr/bin/env bash
# The Debian package of deploy/package.sh, from the tree tests/run.sh built
# ($DISCIPLINE_BUILD): its files and dependencies (dpkg-deb -c / -I), the
# binaries run from a throwaway root, the systemd unit's hardening keys, and
# `systemd-analyze verify` on the unit (offline: nothing is started).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${DISCIPLINE_BUILD:?set by ctest}"
TMP=$(mktemp -d /tmp/discipline-package.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

start=$(date +%s)
DISCIPLINE_PACKAGE_OUT="$TMP/out" DISCIPLINE_PACKAGE_VERSION=0.1.0 "$ROOT/deploy/package.sh"
DEB="$TMP/out/asn-discipline_0.1.0_amd64.deb"
[ -f "$DEB" ] || { echo "FAIL: $DEB was not built"; exit 1; }
echo "package: built in $(( $(date +%s) - start )) s, $(du -k "$DEB" | cut -f1) KiB"

# --- the control file ---------------------------------------------------
info=$(dpkg-deb -I "$DEB")
field() { dpkg-deb -f "$DEB" "$1"; }
[ "$(field Package)" = asn-discipline ] && pass "Package" || fail "Package is $(field Package)"
[ "$(field Architecture)" = amd64 ] && pass "Architecture" || fail "Architecture is $(field Architecture)"
depends=$(field Depends)
echo "Depends: $depends"
names=$(tr ',' '\n' <<<"$depends" | sed 's/(.*)//; s/|.*//; s/ //g')
for lib in adduser libc6 libstdc++6 'libgrpc++1.51' libprotobuf32 libmariadb3 libssl3 libcurl4 libgoogle-glog0v6; do
  grep -qxF -- "$lib" <<<"$names" && pass "depends on $lib" || fail "no dependency on $lib"
done
# The database is the agency's own (often on another host): installing
# the package must not pull a MariaDB server in (apt installs Recommends).
if field Recommends | grep -q mariadb-server || grep -q mariadb-server <<<"$depends"; then
  fail "installing would pull mariadb-server in"
else
  pass "no database server pulled in"
fi
# Only runtime libraries of Debian: no -dev, no test framework.
if grep -qE -- '-dev|libgtest|libgmock|libbenchmark' <<<"$depends"; then fail "build-time dependency: $depends"; fi
# Every dependency is a package Debian 12 has (installed here, where the binaries were built).
for dep in $names; do
  dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q "install ok installed" || fail "dependency $dep is not a Debian package here"
done
grep -q '^ */etc/default/asn-discipline$' <(dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles) &&
  pass "conffiles" || fail "conffiles do not list /etc/default/asn-discipline"

# --- the files ------------------------------------------------------------
files=$(dpkg-deb -c "$DEB" | awk '{print $6}')
for f in ./usr/bin/discipline_server ./usr/bin/discipline ./lib/systemd/system/asn-discipline.service \
  ./etc/asn-discipline/server.textproto.example ./etc/asn-discipline/simpeg.mapping.textproto.example \
  ./etc/asn-discipline/identity.textproto.example ./etc/default/asn-discipline \
  ./usr/share/asn-discipline/bootstrap.sql ./usr/share/doc/asn-discipline/README.md \
  ./usr/share/doc/asn-discipline/operations.md ./usr/share/doc/asn-discipline/law.md \
  ./usr/share/doc/asn-discipline/copyright; do
  grep -qx -- "$f" <<<"$files" && pass "ships $f" || fail "does not ship $f"
done
# The data directory is made by postinst, never shipped: removing the
# package then leaves the cases' documents where they are.
if grep -q '^./var/' <<<"$files"; then fail "ships files under /var"; else pass "nothing under /var"; fi
owner=$(dpkg-deb -c "$DEB" | awk '$6 == "./usr/bin/discipline_server" {print $1, $2}')
[ "$owner" = "-rwxr-xr-x root/root" ] && pass "server binary root:root 0755" || fail "server binary is $owner"

# --- maintainer scripts ---------------------------------------------------
mkdir -p "$TMP/ctrl"
dpkg-deb -e "$DEB" "$TMP/ctrl"
grep -q 'adduser --system' "$TMP/ctrl/postinst" && pass "postinst creates a system user" || fail "postinst: no adduser --system"
if grep -E 'rm .*(/var/lib/asn-discipline)' "$TMP/ctrl/postrm" "$TMP/ctrl/prerm"; then
  fail "a maintainer script deletes the data"
else
  pass "remove and purge keep /var/lib/asn-discipline"
fi
for s in postinst prerm postrm; do sh -n "$TMP/ctrl/$s" || fail "$s does not parse"; done
# The reporter key (docs/law.md, "The sealed reporter"): made once by postinst,
# readable by the service's group only, and named by the example config.
grep -q '/etc/asn-discipline/reporter.key' "$TMP/ctrl/postinst" && grep -q 'chmod 0640' "$TMP/ctrl/postinst" &&
  grep -q '! -s /etc/asn-discipline/reporter.key' "$TMP/ctrl/postinst" &&
  pass "postinst makes the reporter key once, 0640" || fail "postinst: no reporter key"
dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./etc/asn-discipline/server.textproto.example |
  grep -q '^reporter_key_file: "/etc/asn-discipline/reporter.key"' &&
  pass "the example config names the reporter key" || fail "the example config names no reporter key"

# --- the binaries run from a throwaway root --------------------------------
dpkg-deb -x "$DEB" "$TMP/root"
set +e
"$TMP/root/usr/bin/discipline_server" --no_db --config="$TMP/none.textproto" >"$TMP/server.out" 2>&1
rc=$?
set -e
# Exit 2: a start-up refusal (the config file does not exist), after the
# binary loaded every library.
[ "$rc" = 2 ] && pass "discipline_server runs (refuses a missing config with 2)" ||
  { fail "discipline_server exit $rc"; cat "$TMP/server.out"; }
"$TMP/root/usr/bin/discipline" list >"$TMP/cli.out" 2>&1 && grep -q FileCase "$TMP/cli.out" &&
  pass "discipline list" || fail "discipline list: $(head -3 "$TMP/cli.out")"

# --- the unit --------------------------------------------------------------
UNIT="$TMP/root/lib/systemd/system/asn-discipline.service"
for key in 'User=asn-discipline' 'NoNewPrivileges=true' 'ProtectSystem=strict' 'PrivateTmp=true' \
  'ReadWritePaths=/var/lib/asn-discipline' 'RestartPreventExitStatus=2 3 4 5' 'Restart=on-failure' \
  'ProtectHome=true' 'StateDirectory=asn-discipline'; do
  grep -qx -- "$key" "$UNIT" && pass "unit: $key" || fail "unit lacks $key"
done
grep -q -- '--listen=' "$UNIT" && grep -q -- '--http_listen=' "$UNIT" && pass "unit: both listeners" ||
  fail "unit: --listen and --http_listen"
# systemd-analyze checks the ExecStart binary on this machine's paths: point
# it at the extracted one.
mkdir -p "$TMP/verify"
sed "s|/usr/bin/discipline_server|$TMP/root/usr/bin/discipline_server|" "$UNIT" >"$TMP/verify/asn-discipline.service"
set +e
verify=$(SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$TMP/verify/asn-discipline.service" 2>&1)
rc=$?
set -e
if [ "$rc" = 0 ] && [ -z "$verify" ]; then
  pass "systemd-analyze verify"
else
  fail "systemd-analyze verify (exit $rc): $verify"
fi
# The hardening as systemd scores it (offline; 0 safest, 10 unsafe).
score=$(systemd-analyze security --offline=true "$TMP/verify/asn-discipline.service" 2>/dev/null |
  sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
echo "systemd-analyze security: exposure $score"
awk -v s="${score:-10}" 'BEGIN { exit !(s < 4.0) }' && pass "exposure below 4.0" || fail "exposure ${score:-unknown}"

echo "package test: $failures failures in $(( $(date +%s) - start )) s"
[ "$failures" = 0 ]
