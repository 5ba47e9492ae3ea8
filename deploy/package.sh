#!/usr/bin/env bash
# Builds the Debian 12 package build/package/asn-discipline_<version>_amd64.deb
# with dpkg-deb: the server and the operators' client in /usr/bin, the
# systemd unit, example configs in /etc/asn-discipline, the DBA's bootstrap
# SQL, the docs. Dependencies from dpkg-shlibdeps (Debian 12's runtime
# libraries only).
#   deploy/package.sh                   builds build/release first (as deploy/run.sh)
#   DISCIPLINE_BUILD=build/test deploy/package.sh   reuses a built tree
#   DISCIPLINE_PACKAGE_VERSION=0.1.0-2 deploy/package.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PKG="$ROOT/deploy/package"
OUT="${DISCIPLINE_PACKAGE_OUT:-$ROOT/build/package}"
BUILD="${DISCIPLINE_BUILD:-}"

for tool in dpkg-deb dpkg-shlibdeps objdump; do
  command -v "$tool" >/dev/null || { echo "package: $tool is missing (apt-get install dpkg-dev binutils)" >&2; exit 1; }
done

if [ -z "$BUILD" ]; then
  BUILD="$ROOT/build/release"
  source "$ROOT/deploy/lib/build.sh"
  build_project "$BUILD" OFF
fi
BUILD=$(cd "$BUILD" && pwd)
for bin in discipline_server discipline; do
  [ -x "$BUILD/service/$bin" ] || { echo "package: $BUILD/service/$bin is not built" >&2; exit 1; }
done

VERSION="${DISCIPLINE_PACKAGE_VERSION:-$(sed -n 's/^project(asn_discipline .*VERSION \([0-9.]*\)).*/\1/p' "$ROOT/CMakeLists.txt")}"
ARCH=$(dpkg --print-architecture)
NAME=asn-discipline
STAGE="$OUT/stage"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/usr/bin" "$STAGE/lib/systemd/system" "$STAGE/etc/asn-discipline" \
  "$STAGE/etc/default" "$STAGE/usr/share/asn-discipline" "$STAGE/usr/share/doc/$NAME/examples"

# The binaries, without their symbols (the package is what runs, not what is debugged).
install -m 0755 "$BUILD/service/discipline_server" "$STAGE/usr/bin/discipline_server"
install -m 0755 "$BUILD/service/discipline" "$STAGE/usr/bin/discipline"
strip --strip-unneeded "$STAGE/usr/bin/discipline_server" "$STAGE/usr/bin/discipline"

install -m 0644 "$PKG/asn-discipline.service" "$STAGE/lib/systemd/system/asn-discipline.service"
install -m 0644 "$PKG/etc/server.textproto.example" "$PKG/etc/identity.textproto.example" \
  "$PKG/etc/simpeg.mapping.textproto.example" "$STAGE/etc/asn-discipline/"
install -m 0644 "$PKG/etc/default.asn-discipline" "$STAGE/etc/default/asn-discipline"
install -m 0644 "$PKG/bootstrap.sql" "$STAGE/usr/share/asn-discipline/bootstrap.sql"

DOC="$STAGE/usr/share/doc/$NAME"
install -m 0644 "$ROOT/README.md" "$DOC/README.md"
for d in "$ROOT"/docs/*.md; do install -m 0644 "$d" "$DOC/$(basename "$d")"; done
install -m 0644 "$ROOT/adapters/mariadb/AUDIT_FORMAT.md" "$DOC/AUDIT_FORMAT.md"
install -m 0644 "$ROOT/deploy/demo/simpeg_a.mapping.textproto" "$ROOT/deploy/demo/simpeg_b.mapping.textproto" \
  "$DOC/examples/"
cat >"$DOC/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: asn-discipline

Files: *
Copyright: the asn-discipline authors
License: see the project's repository
COPYRIGHT
printf '%s (%s) stable; urgency=medium\n\n  * Built from the project tree.\n\n -- asn-discipline maintainers <asn-discipline@localhost>  %s\n' \
  "$NAME" "$VERSION" "$(date -R)" | gzip -9n >"$DOC/changelog.Debian.gz"

# Dependencies: the shared libraries the binaries link, as Debian 12's
# packages give them (dpkg-shlibdeps wants a debian/control beside it).
SHLIB="$OUT/shlibdeps"
rm -rf "$SHLIB"
mkdir -p "$SHLIB/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$NAME" "$NAME" >"$SHLIB/debian/control"
DEPENDS=$(cd "$SHLIB" && dpkg-shlibdeps -O "$STAGE/usr/bin/discipline_server" "$STAGE/usr/bin/discipline" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
[ -n "$DEPENDS" ] || { echo "package: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
rm -rf "$SHLIB"

SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: asn-discipline maintainers <asn-discipline@localhost>
Installed-Size: $SIZE
Depends: adduser, $DEPENDS
Suggests: mariadb-server (>= 1:10.6), mariadb-backup, galera-4
Section: admin
Priority: optional
Description: disciplinary cases of Indonesian civil servants (PP 94/2021)
 A gRPC service with a JSON/HTTP gateway that runs disciplinary cases of
 civil servants under PP 94/2021, from the report to the decision and its
 remedies, with hash-chained audit histories, documents, SIASN records and
 reports. Includes the server, the operators' client, a hardened systemd
 unit, example configuration and the database bootstrap SQL.
CONTROL
printf '/etc/asn-discipline/server.textproto.example\n/etc/asn-discipline/identity.textproto.example\n/etc/asn-discipline/simpeg.mapping.textproto.example\n/etc/default/asn-discipline\n' \
  >"$STAGE/DEBIAN/conffiles"
install -m 0755 "$PKG/postinst" "$PKG/prerm" "$PKG/postrm" "$STAGE/DEBIAN/"

DEB="$OUT/${NAME}_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"
echo "package: $DEB ($(du -h "$DEB" | cut -f1)); Depends: adduser, $DEPENDS"
