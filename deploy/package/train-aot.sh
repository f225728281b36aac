#!/usr/bin/env bash
# Trains a JDK AOT cache (JEP 483/514) for each launcher of an application image, with the image's own runtime and
# class path, then points the launcher at it. Training goes through the native launchers themselves, so their exact
# options and class path are recorded.
#   control-plane: a real start (embedded PostgreSQL, Flyway, Hibernate, HTTP) to /q/health UP, a few API calls,
#                  then SIGTERM.
#   worker:        a start with Redis and PostgreSQL pointed at a closed port: everything up to its first Redis call
#                  is loaded and initialised, then it stops (no services needed at build time).
# A cache is only safe at the path it was trained at: JDK 25 maps a moved class path but still reads jar manifests
# from the training path, and a sealed jar (ojdbc) then stops the JVM at start. So training runs with the image
# mounted at its install path (INSTALL_DIR, /opt/dtaas) in a private mount namespace, and the image records that
# path in lib/app/aot-path; bin/dtaas turns the cache off when the image runs from anywhere else.
# Usage: train-aot.sh IMAGE_DIR [INSTALL_DIR]
set -euo pipefail
if [ "${1:-}" != "--at-install-path" ]; then
  IMAGE="$(cd "$1" && pwd)" INSTALL_DIR="${2:-/opt/dtaas}"
  command -v unshare > /dev/null || { echo "train-aot.sh needs unshare (util-linux)" >&2; exit 1; }
  ns=(unshare --mount --propagation private)
  [ "$(id -u)" = 0 ] || ns+=(--map-root-user)
  # tmpfs over the parent hides the host's own directory there (only inside this namespace)
  # (the image goes through a side mount first, in case it lives below that parent)
  side="$(mktemp -d)"
  status=0
  "${ns[@]}" bash -c 'set -e; mount --bind "$1" "$4"; mount -t tmpfs dtaas-aot "$(dirname "$2")"; mkdir -p "$2"
    mount --bind "$4" "$2"; exec bash "$3" --at-install-path "$2"' train-aot "$IMAGE" "$INSTALL_DIR" "$(readlink -f "$0")" \
    "$side" || status=$?
  rmdir "$side"
  exit "$status"
fi
IMAGE="$2"
echo "$IMAGE" > "$IMAGE/lib/app/aot-path"
APPDIR="$IMAGE/lib/app"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
log() { printf '[dtaas-package] %s\n' "$*" >&2; }

# Record with the launcher (JAVA_TOOL_OPTIONS reaches the JVM it starts), create the cache, register it in the cfg.
create_cache() { # launcher app
  local launcher="$1" app="$2" cache="$APPDIR/$2/app.aot"
  [ -s "$SCRATCH/$app.aotconf" ] || { echo "training of $app recorded nothing; see $SCRATCH/$app-record.log" >&2; exit 1; }
  (cd "$SCRATCH" && JAVA_TOOL_OPTIONS="-XX:AOTMode=create -XX:AOTConfiguration=$SCRATCH/$app.aotconf -XX:AOTCache=$cache" \
      "$IMAGE/bin/$launcher" > "$SCRATCH/$app-create.log" 2>&1) \
    || { cat "$SCRATCH/$app-create.log" >&2; exit 1; }
  [ -s "$cache" ] || { echo "no AOT cache written for $app" >&2; exit 1; }
  # $APPDIR is expanded by the launcher to the installed lib/app directory.
  sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:AOTCache=$APPDIR/'"$app"'/app.aot|' "$APPDIR/$launcher.cfg"
  log "AOT cache for $app: $(du -h "$cache" | cut -f1)"
}

record() { # app -> JAVA_TOOL_OPTIONS value
  echo "-XX:AOTMode=record -XX:AOTConfiguration=$SCRATCH/$1.aotconf"
}

log "AOT training: control-plane"
mkdir -p "$SCRATCH/home"
# Only the variables named here reach the training runs (none of the builder's settings or secrets), in a scratch
# directory (no .env picked up), on a free port (PORT=0; the log says which).
clean_env=(env -i PATH=/usr/bin:/bin HOME="$SCRATCH/home" DTAAS_HOME="$SCRATCH/home/.dtaas" HOST=127.0.0.1)
(cd "$SCRATCH" && exec "${clean_env[@]}" PORT=0 JAVA_TOOL_OPTIONS="$(record control-plane)" \
    "$IMAGE/bin/dtaas-server" --no-browser > "$SCRATCH/control-plane-record.log" 2>&1) &
pid=$!
up=""
for _ in $(seq 1 240); do
  url="$(grep -o 'Listening on: http://[0-9.]*:[0-9]*' "$SCRATCH/control-plane-record.log" | head -1 | cut -d' ' -f3 || true)"
  [ -n "$url" ] && curl -sf "$url/q/health" > /dev/null && { up=1; break; }
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
if [ -z "$up" ]; then
  kill -KILL "$pid" 2>/dev/null || true
  cat "$SCRATCH/control-plane-record.log" >&2
  echo "control-plane training run never got healthy" >&2
  exit 1
fi
for path in /q/health /q/health/ready /api/connectors /api/tasks /api/variables /api/connector-types /openapi.json / /q/metrics; do
  curl -s -o /dev/null "$url$path" || true
done
kill -TERM "$pid"
wait "$pid" || true
create_cache dtaas-server control-plane

log "AOT training: transfer-worker"
(cd "$SCRATCH" && "${clean_env[@]}" WORKER_PORT=0 \
    REDIS_URL=redis://127.0.0.1:1 DATABASE_URL=postgresql://127.0.0.1:1/none \
    DTAAS_SECRET_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= JAVA_TOOL_OPTIONS="$(record transfer-worker)" \
    timeout 300 "$IMAGE/bin/dtaas-worker" > "$SCRATCH/transfer-worker-record.log" 2>&1) || true
create_cache dtaas-worker transfer-worker
