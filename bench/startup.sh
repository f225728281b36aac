#!/usr/bin/env bash
# Start-up benchmark (docs/benchmarks.md, "Start-up"): seconds from `./dtaas --no-browser` (built) to /q/health
# answering UP, embedded metadata PostgreSQL included, in a fresh data dir: the first start (initdb, Flyway's
# first migration; on JDK 25, if this build has no start-up cache yet, it records the launcher's cache, written
# when it stops: that stop is timed too) once, then RUNS warm starts of the same data dir, from that cache. Each start's output lines are time-stamped from the launch, so the phases show (JVM + launcher up to the
# embedded database's start, the database, Quarkus with Flyway/Hibernate) in bench/results/startup-phases.txt.
# Usage: bench/startup.sh [RUNS]   (default 5). Results: bench/results/startup-latest.md; called by bench/run.sh
# for its start-up row (slot protocol).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
PORT="${STARTUP_PORT:-18961}"
OUT=bench/results; mkdir -p "$OUT"; HOME_DIR="$(mktemp -d)"; trap 'rm -rf "$HOME_DIR"' EXIT
./dtaas --help >/dev/null 2>&1 || true   # builds when sources changed, outside the timings

stamp() { # prefixes each line with the milliseconds since $1 (ns)
  while IFS= read -r line; do printf '%6d ms  %s\n' $(( ($(date +%s%N) - $1) / 1000000 )) "$line"; done
}

start_once() { # label -> "milliseconds rss_kib stop_ms"; its time-stamped output goes to $OUT/startup-phases.txt
  local label="$1" t0 timer java stopped
  t0=$(date +%s%N)
  rm -f "$HOME_DIR/out.fifo"; mkfifo "$HOME_DIR/out.fifo"
  stamp "$t0" < "$HOME_DIR/out.fifo" > "$HOME_DIR/$label.log" &
  DTAAS_HOME="$HOME_DIR" /usr/bin/time -f "%M" -o "$HOME_DIR/rss" ./dtaas --no-browser --port "$PORT" \
    > "$HOME_DIR/out.fifo" 2>&1 &
  timer=$!
  until curl -sf "http://127.0.0.1:$PORT/q/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$timer" 2>/dev/null || { cat "$HOME_DIR/$label.log" >&2; echo "dtaas stopped before it was ready" >&2; exit 1; }
    sleep 0.02
  done
  local ready=$(( ($(date +%s%N) - t0) / 1000000 ))
  java="$(pgrep -P "$timer" | head -1)"   # ./dtaas execs the JVM: the one child of /usr/bin/time
  stopped=$(date +%s%N)
  kill -TERM "$java"
  wait "$timer" || true
  wait   # the stamping reader, which ends with the JVM's output
  stopped=$(( ($(date +%s%N) - stopped) / 1000000 ))
  { echo "== $label: ready after $ready ms, stopped in $stopped ms"; cat "$HOME_DIR/$label.log"; echo; } >> "$OUT/startup-phases.txt"
  echo "$ready $(tail -1 "$HOME_DIR/rss") $stopped"   # after "Command terminated by signal 15"
}

: > "$OUT/startup-phases.txt"
read -r FIRST FIRST_RSS FIRST_STOP < <(start_once first)
WARM=(); RSS=0
for i in $(seq 1 "$RUNS"); do
  read -r ms rss _ < <(start_once "warm-$i")
  WARM+=("$ms"); [ "$rss" -gt "$RSS" ] && RSS=$rss
done
MEDIAN=$(printf '%s\n' "${WARM[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
{
  echo "Start-up, measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores: \`./dtaas --no-browser\` to /q/health UP."
  echo
  echo "| path | DTaaS (median of $RUNS warm starts) | machine limit | ratio (goal) | peak RSS (MiB) |"
  echo "|---|---|---|---|---|"
  echo "| standalone start to ready, embedded metadata DB | $(awk -v m="$MEDIAN" 'BEGIN { printf "%.2f s", m / 1000 }') (runs: ${WARM[*]} ms; first start with initdb: $FIRST ms, its stop $FIRST_STOP ms) | — | $(awk -v m="$MEDIAN" 'BEGIN { printf "%.0f%% of 3 s", m / 30 }') (< 3 s) | $((RSS / 1024)) |"
} | tee "$OUT/startup-latest.md"
# Slot protocol of bench/run.sh (see its header): the row of its results table, measured through ./dtaas itself
# (the launcher and its start-up cache are what the goal is about; BENCH_DTAAS_SERVE runs the jar without them).
if [ -n "${BENCH_ROWS_OUT:-}" ]; then
  echo "| \`./dtaas\` start to /q/health UP (median of $RUNS warm starts, built, with the launcher's start-up cache) | $(awk -v m="$MEDIAN" 'BEGIN { printf "%.2f s", m / 1000 }') | | | | < 3 s | $((RSS / 1024)) |" >> "$BENCH_ROWS_OUT"
fi
