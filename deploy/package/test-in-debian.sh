#!/usr/bin/env bash
# Proof that the .deb is self-contained: installs it into a fresh Debian root made by debootstrap (minbase: no
# JDK, no Java anywhere), then, chrooted there as an unprivileged user:
#   1. `dtaas` (control-plane, embedded PostgreSQL) answers /q/health with status UP;
#   2. `dtaas load spec.json` copies a PostgreSQL table (on this machine's server) to CSV files, every row;
#   3. `dtaas worker` starts the worker app (which refuses without REDIS_URL, naming it);
#   4. a copy of the image elsewhere still starts (its AOT caches, bound to /opt/dtaas, switched off).
# Every JVM runs with -XX:AOTMode=on, so a launcher whose AOT cache does not map into the installed runtime fails.
# Needs root (debootstrap, chroot, mount). The Debian root is cached (tarball) so reruns skip debootstrap.
# Usage: test-in-debian.sh DEB_FILE|DIRECTORY_WITH_ONE_DEB
set -euo pipefail
DEB="$(readlink -f "$1")"
[ -d "$DEB" ] && DEB="$(ls "$DEB"/dtaas_*_amd64.deb | head -1)"
SUITE=bookworm
CACHE_DIR="${DTAAS_DEBIAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dtaas}"
BASE="$CACHE_DIR/debian-$SUITE-minbase.tar"
WORK="$(mktemp -d /tmp/dtaas-deb-test.XXXXXX)"
ROOT="$WORK/root"
PGDB="dtaas_pkg_$$"
log() { printf '[dtaas-deb-test] %s\n' "$*" >&2; }
fail() { printf '[dtaas-deb-test] FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot and mount need it)"
[ -f "$DEB" ] || fail "no package at $1"

cleanup() {
  # stop whatever still runs inside our root (the server, its embedded PostgreSQL), by pid
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$ROOT" ] && kill -KILL "${proc#/proc/}" 2>/dev/null || true
  done
  sleep 1
  for m in "$ROOT/dev/shm" "$ROOT/proc"; do mountpoint -q "$m" && umount -l "$m"; done
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PGDB" >/dev/null 2>&1 || true
  if [ "${KEEP_ROOT:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- a Debian root without Java, cached ------------------------------------------------------------------
if [ ! -f "$BASE" ]; then
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -v '^[[:space:]]*#' \
    | grep -oE 'https?://[^ ]*/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  log "debootstrap --variant=minbase $SUITE from $mirror (once; cached in $BASE)"
  debootstrap --variant=minbase "$SUITE" "$WORK/base" "$mirror" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; fail "debootstrap"; }
  mkdir -p "$CACHE_DIR"
  tar -C "$WORK/base" --numeric-owner -cf "$BASE.part" . && mv "$BASE.part" "$BASE"
  rm -rf "$WORK/base"
fi
mkdir -p "$ROOT"
tar -C "$ROOT" --numeric-owner -xpf "$BASE"
in_root() { chroot "$ROOT" "$@"; }
no_java() {
  in_root sh -c 'command -v java' >/dev/null 2>&1 && fail "a java is on the PATH of the Debian root ($1)"
  [ ! -e "$ROOT/usr/lib/jvm" ] || fail "/usr/lib/jvm exists in the Debian root ($1)"
  return 0
}
no_java "before installing"

# --- install ---------------------------------------------------------------------------------------------
cp "$DEB" "$ROOT/tmp/dtaas.deb"
in_root dpkg -i /tmp/dtaas.deb > "$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log" >&2; fail "dpkg -i (unmet Depends?)"; }
no_java "after installing"
[ "$(in_root readlink -f /usr/bin/dtaas)" = /opt/dtaas/bin/dtaas ] || fail "/usr/bin/dtaas does not lead to /opt/dtaas/bin/dtaas"
javas="$(find "$ROOT" -xdev -name java -type f -perm -u+x | sed "s|^$ROOT||")"
[ "$javas" = "/opt/dtaas/lib/runtime/bin/java" ] || fail "java binaries in the root: $javas"
log "installed; the only java binary is the bundled runtime's"

mount -t proc proc "$ROOT/proc"
mount -t tmpfs -o mode=1777 shm "$ROOT/dev/shm"   # PostgreSQL's shared memory
# PostgreSQL refuses to run as root, and a chrooted root cannot enter a user namespace: run as a plain user.
in_root useradd --create-home --shell /bin/sh dtaas
as_user() { # [NAME=value...] command...: in the root, as user dtaas, in its home, with only these variables.
  # Replaces the calling shell: call it in a subshell, ( as_user ... ), so a background one's $! is the program.
  exec chroot --userspec=dtaas:dtaas "$ROOT" env -i PATH=/usr/bin:/bin HOME=/home/dtaas DTAAS_HOME=/home/dtaas/.dtaas \
    JAVA_TOOL_OPTIONS=-XX:AOTMode=on sh -c 'cd /home/dtaas && exec env "$@"' sh "$@"
}
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  fail "no free port"
}

# --- 1. the control-plane to /q/health UP -------------------------------------------------------------------
port="$(free_port)"
log "starting dtaas (control-plane) in the root on port $port"
( as_user PORT="$port" dtaas --no-browser ) > "$WORK/server.log" 2>&1 &
server=$!
started=$(date +%s)
health=""
while [ $(( $(date +%s) - started )) -lt 240 ]; do
  health="$(curl -s "http://127.0.0.1:$port/q/health" || true)"
  echo "$health" | tr -d ' \n' | grep -q '^{"status":"UP"' && break
  kill -0 "$server" 2>/dev/null || { cat "$WORK/server.log" >&2; fail "dtaas exited before /q/health was UP"; }
  sleep 1
done
echo "$health" | tr -d ' \n' | grep -q '^{"status":"UP"' || { cat "$WORK/server.log" >&2; fail "/q/health not UP: $health"; }
grep -q 'Picked up JAVA_TOOL_OPTIONS: -XX:AOTMode=on' "$WORK/server.log" || fail "the server JVM did not run with AOTMode=on"
log "/q/health UP after $(( $(date +%s) - started )) s (AOT cache mapped: AOTMode=on)"
dashboard="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")"
[ "$dashboard" = 200 ] || fail "dashboard answered $dashboard"
kill -TERM "$server"
wait "$server" || true

# --- 2. dtaas load: PostgreSQL table -> CSV files ------------------------------------------------------------
rows=2500
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $PGDB" \
  || fail "cannot create a scratch database on the PostgreSQL at 127.0.0.1:5432 (user postgres)"
psql -h 127.0.0.1 -U postgres -d "$PGDB" -qc \
  "CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, $rows) g"
cat > "$ROOT/home/dtaas/spec.json" <<EOF
{"source": {"type": "postgresql", "connection_config": {"host": "127.0.0.1", "port": 5432, "database": "$PGDB",
   "username": "postgres", "password": "unused"}},
 "destination": {"type": "local_files", "connection_config": {"path": "/home/dtaas/.dtaas/files/out", "file_format": "csv",
   "compression": "none"}},
 "config": {"tables": ["items"], "batch_size": 1000}}
EOF
in_root chown dtaas:dtaas /home/dtaas/spec.json
( as_user dtaas load /home/dtaas/spec.json ) > "$WORK/load.out" 2> "$WORK/load.err" \
  || { cat "$WORK/load.err" >&2; fail "dtaas load exited with $?"; }
copied="$(find "$ROOT/home/dtaas/.dtaas/files/out" -type f -name '*.csv*' -exec cat {} + | grep -c '^[0-9]' || true)"
[ "$copied" = "$rows" ] || { cat "$WORK/load.out" "$WORK/load.err" >&2; fail "dtaas load wrote $copied rows, expected $rows"; }
log "dtaas load copied $rows of $rows rows to CSV"

# --- 3. dtaas worker ------------------------------------------------------------------------------------------
set +e
( as_user dtaas worker ) > "$WORK/worker.log" 2>&1
status=$?
set -e
grep -q 'dtaas worker: refusing to start. REDIS_URL is not set' "$WORK/worker.log" && [ "$status" = 2 ] \
  || { cat "$WORK/worker.log" >&2; fail "dtaas worker (exit $status) did not start the worker app"; }
log "dtaas worker started the worker app (refused without REDIS_URL, exit 2)"

# --- 4. the image moved elsewhere still starts (bin/dtaas turns the AOT caches off there) -------------------------
in_root cp -a /opt/dtaas /srv/dtaas-moved
moved="$(chroot --userspec=dtaas:dtaas "$ROOT" env -i PATH=/usr/bin:/bin HOME=/home/dtaas /srv/dtaas-moved/bin/dtaas --version 2>&1)" \
  || { echo "$moved" >&2; fail "a moved image does not start"; }
echo "$moved" | grep -q 'Picked up JAVA_TOOL_OPTIONS: -XX:AOTMode=off' || { echo "$moved" >&2; fail "AOT not switched off when moved"; }
log "a moved image starts with its AOT caches switched off"
log "PASSED"
