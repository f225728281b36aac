#!/usr/bin/env bash
# Markdown summary of a JFR recording's CPU samples (bench/run.sh and bench/cdc.sh with BENCH_JFR=1): shares by
# component (first non-JDK frame, bench/jfr-top.awk) and by top frame. Usage: bench/jfr-summary.sh FILE.jfr LABEL
# JFR_EVENT picks the samples (default jdk.ExecutionSample; bench/run.sh records JDK 25's jdk.CPUTimeSample).
# No pipefail: `head` closing its pipe early is how the tables end.
set -eu
cd "$(dirname "$0")/.."
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
samples="$(mktemp)"; trap 'rm -f "$samples"' EXIT
"$JAVA_HOME/bin/jfr" print --stack-depth 64 --events "${JFR_EVENT:-jdk.ExecutionSample}" "$1" | awk -f bench/jfr-top.awk > "$samples"
n=$(grep -c '^O' "$samples" || true)
echo; echo "JFR ${JFR_EVENT:-jdk.ExecutionSample} samples of $2 ($n samples; all threads):"; echo
echo "| component (first non-JDK frame) | share |"; echo "|---|---|"
grep '^O' "$samples" | cut -f2 | sort | uniq -c | sort -nr | head -10 \
  | awk -v n="$n" '{ c = $1; $1 = ""; sub(/^ /, ""); printf "| %s | %.0f%% |\n", $0, 100 * c / n }'
echo; echo "| hottest top frames | share |"; echo "|---|---|"
grep '^T' "$samples" | cut -f2 | sort | uniq -c | sort -nr | head -12 \
  | awk -v n="$n" '{ printf "| `%s` | %.0f%% |\n", $2, 100 * $1 / n }'
