#!/usr/bin/env bash
# Wraps an application image into a .deb: the image under /opt/dtaas, /usr/bin/dtaas linking to its launcher, and
# Depends computed from the shared libraries the image's ELF files link against (as jpackage --type deb does),
# leaving out the AWT/sound libraries a headless server never loads (X11, ALSA).
# Usage: build-deb.sh IMAGE_DIR VERSION OUT_DIR
set -euo pipefail
IMAGE="$1" VERSION="$2" OUT="$3"
ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT

mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin"
cp -a "$IMAGE" "$ROOT/opt/dtaas"
ln -s /opt/dtaas/bin/dtaas "$ROOT/usr/bin/dtaas"

is_elf() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' \n')" = '177ELF' ]; }
package_of() { # a library path -> the Debian package owning it (merged /usr or not)
  local path="$1"
  dpkg -S "$path" 2>/dev/null || dpkg -S "${path#/usr}" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || true
}
depends="$(
  find "$ROOT/opt/dtaas" -type f ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libjsound.so' \
    ! -name 'libsplashscreen.so' \
    -print0 | while IFS= read -r -d '' f; do is_elf "$f" && ldd "$f" 2>/dev/null || true; done \
  | awk '/=> \// {print $3}' | grep -v "^$ROOT" | sort -u \
  | while read -r lib; do package_of "$lib"; done | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g'
)"
[ -n "$depends" ] || depends="libc6"

cat > "$ROOT/DEBIAN/control" <<EOF
Package: dtaas
Version: $VERSION
Section: misc
Priority: optional
Architecture: amd64
Depends: $depends
Installed-Size: $(du -sk "$ROOT/opt" | cut -f1)
Maintainer: DTaaS <dtaas@localhost>
Description: DTaaS - Data Transfer as a Service
 Full loads and change data capture between databases, warehouses and lakes, with a web dashboard and REST
 API. Self-contained: brings its own Java runtime (jlink) with an AOT cache; no JDK needed.
 Commands: dtaas (control-plane), dtaas worker, dtaas load spec.json.
EOF
# gzip at a fast level: xz takes minutes on ~400 MB of jars and caches and saves little on already-compressed jars.
DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=6 \
  fakeroot dpkg-deb --build "$ROOT" "$OUT/dtaas_${VERSION}_amd64.deb" >&2
printf '[dtaas-package] Depends: %s\n' "$depends" >&2
