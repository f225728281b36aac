#!/usr/bin/env bash
# CDC benchmark (docs/benchmarks.md): changes/s applied from PostgreSQL and MariaDB into PostgreSQL for a burst of
# ROWS inserts + ROWS updates + ROWS/2 deletes, and commit->destination latency p50/p99 at a steady 1,000
# changes/s for SECONDS. Loopback only. Usage: bench/cdc.sh [ROWS] [SECONDS]. Results: bench/results/cdc-latest.md
#   BENCH_JFR=1 bash bench/cdc.sh 100000 10   # also profile the bench JVM (JFR): summary appended to the results,
#                                             # the recording kept at $BENCH_JFR_KEEP (default /tmp/dtaas-cdc-latest.jfr)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-200000}"; SECONDS_STEADY="${2:-20}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
./mvnw -B -q -o -pl common test-compile
# offline first; a fresh ~/.m2 lacks the dependency plugin until it is fetched once
./mvnw -B -q -o -pl common dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test \
  || ./mvnw -B -q -pl common dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
JFR=(); [ -n "${BENCH_JFR:-}" ] && JFR=("-XX:StartFlightRecording=filename=$WORK/cdc.jfr,settings=profile")
"$JAVA_HOME/bin/java" -Xmx1g "${JFR[@]}" -Dsources="${SOURCES:-postgresql,mariadb}" -Drows="$ROWS" -Dseconds="$SECONDS_STEADY" \
  -cp "common/target/test-classes:common/target/classes:$(cat "$WORK/cp.txt")" io.dtaas.bench.CdcBenchmark bench/results/cdc-latest.md
if [ -n "${BENCH_JFR:-}" ] && [ -f "$WORK/cdc.jfr" ]; then
  cp "$WORK/cdc.jfr" "${BENCH_JFR_KEEP:-/tmp/dtaas-cdc-latest.jfr}"
  bash bench/jfr-summary.sh "$WORK/cdc.jfr" "the bench JVM (the source workload's statements included)" >> bench/results/cdc-latest.md
fi
