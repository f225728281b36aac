#!/usr/bin/env bash
# Turns the two packaged Quarkus apps (aot-jar layout, built by the `package` Maven profile) into a self-contained
# Linux application image and a .deb: a jlinked Java runtime, native launchers made by jpackage, and a JDK AOT cache
# per app trained with that runtime. Run through Maven (see docs/deployment.md#linux-package):
#   ./mvnw -Ppackage -pl deploy/package -am -DskipTests package
# Usage: build-image.sh CONTROL_PLANE_APP_DIR WORKER_APP_DIR VERSION OUT_DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CP_APP="$1" WORKER_APP="$2" VERSION="$3" OUT="$4"
JDK="${JAVA_HOME:?JAVA_HOME must point at a JDK 25 (jlink, jpackage and the AOT cache format come from it)}"
log() { printf '[dtaas-package] %s\n' "$*" >&2; }

major="$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
[ "${major%%.*}" -ge 25 ] || { echo "build-image.sh needs JDK 25 or newer (AOT cache); JAVA_HOME=$JDK is $major" >&2; exit 1; }
for tool in fakeroot dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "build-image.sh needs $tool (apt-get install fakeroot dpkg)" >&2; exit 1; }
done

# Modules the apps need: what jdeps finds in the apps' jars (module-deps.sh) less jdk.compiler (only vertx-codegen's
# annotation processor, a build-time tool), plus modules loaded by name at run time, which jdeps cannot see:
# jdk.security.auth (embedded PostgreSQL asks UnixSystem for the uid), jdk.crypto.cryptoki, jdk.charsets (drivers'
# legacy encodings), jdk.localedata (the user's locale), jdk.naming.dns, jdk.zipfs, jdk.jfr, java.net.http,
# java.scripting, java.prefs, java.xml.crypto (optional features of the drivers and Debezium).
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http
MODULES+=,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa
MODULES+=,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.httpserver,jdk.jfr,jdk.localedata
MODULES+=,jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs

# jpackage wants x.y.z; 0.1.0-SNAPSHOT becomes 0.1.0
APP_VERSION="${VERSION%%-*}"
WORK="$OUT/work"
IMAGE="$OUT/image/dtaas"
rm -rf "$WORK" "$OUT/image" "$OUT"/*.deb
mkdir -p "$WORK/input" "$OUT/image"

log "jlink: runtime with $MODULES"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --output "$WORK/runtime"

cp -a "$CP_APP" "$WORK/input/control-plane"
cp -a "$WORKER_APP" "$WORK/input/transfer-worker"
# Same heap bounds and native access as ./dtaas (snappy-java and zstd-jni load their codecs with System.load).
JAVA_OPTS='-Xmx1g --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true'
cat > "$WORK/worker.properties" <<EOF
main-jar=transfer-worker/quarkus-run.jar
java-options=$JAVA_OPTS
EOF
log "jpackage: application image"
"$JDK/bin/jpackage" --type app-image --name dtaas --app-version "$APP_VERSION" --dest "$OUT/image" \
  --input "$WORK/input" --main-jar control-plane/quarkus-run.jar --runtime-image "$WORK/runtime" \
  --java-options "$JAVA_OPTS" --add-launcher "dtaas-worker=$WORK/worker.properties" \
  --description "DTaaS data transfer service" --vendor "DTaaS"

# jpackage puts every jar under --input on each launcher's class path, the other app's too. Each quarkus-run.jar
# lists its own class path in its manifest, so the launcher needs only its main jar.
APPDIR="$IMAGE/lib/app"
mv "$IMAGE/bin/dtaas" "$IMAGE/bin/dtaas-server"
mv "$APPDIR/dtaas.cfg" "$APPDIR/dtaas-server.cfg"
for cfg in "$APPDIR/dtaas-server.cfg" "$APPDIR/dtaas-worker.cfg"; do
  grep -v '^app.classpath=' "$cfg" > "$cfg.new" && mv "$cfg.new" "$cfg"
done
grep -qx 'app.mainjar=$APPDIR/control-plane/quarkus-run.jar' "$APPDIR/dtaas-server.cfg" \
  && grep -qx 'app.mainjar=$APPDIR/transfer-worker/quarkus-run.jar' "$APPDIR/dtaas-worker.cfg" \
  || { echo "jpackage made launchers for the wrong jars; see $APPDIR/*.cfg" >&2; exit 1; }
install -m 0755 "$HERE/dtaas" "$IMAGE/bin/dtaas"

bash "$HERE/train-aot.sh" "$IMAGE"

log "dpkg-deb: .deb"
bash "$HERE/build-deb.sh" "$IMAGE" "$APP_VERSION" "$OUT"
rm -rf "$WORK"
log "done: $IMAGE and $(ls "$OUT"/*.deb)"
