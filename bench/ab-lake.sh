#!/usr/bin/env bash
# Paired A/B of two built apps on one lake path: `./dtaas load` of the bench table (bench/run.sh's 9 columns) from
# PostgreSQL to local files, the two builds taken in turn (A B A B ...), CPU seconds per 1M rows of the DTaaS JVM
# (user + system, /usr/bin/time) and of PostgreSQL (all postgres processes, /proc ticks), and whether the two
# builds wrote the same files (md5 of every part). On a shared machine wall times swing; CPU seconds hold.
#
#   bash bench/ab-lake.sh APP_A APP_B [ROWS] [PAIRS] [FORMAT]
#     APP_x: a copy of control-plane/target/quarkus-app (copy it: a rebuild meanwhile must not change it)
#     ROWS default 2,000,000; PAIRS default 4 (plus one warm-up pair, not counted); FORMAT parquet|csv|json
#
# Hold the build and bench locks while it runs (docs/benchmarks.md):
#   flock -o /tmp/dtaas-mvn-build.lock flock -o /tmp/dtaas-bench.lock bash bench/ab-lake.sh /tmp/a/app /tmp/b/app
# The source table lives in database dtaas_ab_src, built once and kept (AB_DROP=1 drops it at the end).
set -euo pipefail
A="$1"; B="$2"; ROWS="${3:-2000000}"; PAIRS="${4:-4}"; FORMAT="${5:-parquet}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"; [ -z "${AB_DROP:-}" ] || $PG -d postgres -c "DROP DATABASE IF EXISTS dtaas_ab_src WITH (FORCE)"' EXIT
TICK=$(getconf CLK_TCK)
pg_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '{ comm = $0; sub(/^[^(]*\(/, "", comm); sub(/\).*$/, "", comm)
    if (comm == "postgres") { rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " "); t += f[12] + f[13] + f[14] + f[15] } }
    END { print t + 0 }'
}

if [ "$($PG -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = 'dtaas_ab_src'")" = 0 ] \
    || [ "$($PG -d dtaas_ab_src -c "SELECT count(*) FROM bench" 2>/dev/null || echo 0)" != "$ROWS" ]; then
  echo "== source: $ROWS rows in dtaas_ab_src.bench"
  $PG -d postgres -c "DROP DATABASE IF EXISTS dtaas_ab_src WITH (FORCE)" -c "CREATE DATABASE dtaas_ab_src"
  $PG -d dtaas_ab_src -c "CREATE TABLE bench (id bigint PRIMARY KEY, i integer, n numeric(12,2), f double precision, t varchar(64), ts timestamp, d date, b boolean, u char(36))" \
    -c "INSERT INTO bench SELECT g, (g % 100000)::int, (g % 1000000) / 100.0, g / 3.0, md5(g::text), timestamp '2020-01-01' + g * interval '1 second', date '2020-01-01' + (g % 3650)::int, g % 2 = 0, md5((g * 7)::text)::uuid::text FROM generate_series(1, $ROWS) g" \
    -c "VACUUM ANALYZE bench"
fi
cat > "$WORK/spec.json" <<JSON
{"task_id": 1, "name": "ab",
 "source": {"type": "postgresql", "connection_config": {"host": "127.0.0.1", "port": 5432, "database": "dtaas_ab_src", "username": "postgres"}},
 "destination": {"type": "local_files", "connection_config": {"path": "$WORK/files", "file_format": "$FORMAT", "compression": "default"}},
 "config": {"tables": ["bench"], "batch_size": 10000, "chunk_rows": 500000, "max_parallel_chunks": 2, "target_schema": "public"}}
JSON

run() { # side app -> "wall client_cpu pg_cpu" per 1M rows for the CPU; md5s of the files in $WORK/side.md5
  local side="$1" app="$2" p0 p1 e u s
  rm -rf "$WORK/files"; mkdir -p "$WORK/files"
  p0=$(pg_ticks)
  DTAAS_FILES_ROOTS="$WORK/files" /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$JAVA_HOME/bin/java" -Xmx768m -XX:+UseParallelGC \
    --enable-native-access=ALL-UNNAMED ${AB_JAVA_OPTS:-} -jar "$app/quarkus-run.jar" load "$WORK/spec.json" > "$WORK/out" 2> "$WORK/err" \
    || { echo "$side failed" >&2; tail "$WORK/err" >&2; return 1; }
  grep -q "\"status\":\"completed\",\"processed_rows\":$ROWS," "$WORK/out" || { echo "$side did not complete $ROWS rows" >&2; return 1; }
  sleep 0.3; p1=$(pg_ticks)
  find "$WORK/files" -type f -exec md5sum {} + | awk '{ print $1 }' | sort > "$WORK/$side.md5"
  read -r e u s < "$WORK/time"
  awk -v e="$e" -v u="$u" -v s="$s" -v pg=$(( p1 - p0 )) -v t="$TICK" -v r="$ROWS" \
    'BEGIN { f = 1000000 / r; printf "%s %.3f %.3f\n", e, (u + s) * f, pg / t * f }'
}

echo "pair side wall_s client_cpu_s_per_1M pg_cpu_s_per_1M" | tee "$WORK/runs"
for pair in $(seq 0 "$PAIRS"); do
  for side in A B; do
    app="$A"; [ "$side" = B ] && app="$B"
    echo "$pair $side $(run "$side" "$app")" | tee -a "$WORK/runs"
  done
  if ! cmp -s "$WORK/A.md5" "$WORK/B.md5"; then echo "pair $pair: A and B wrote different files" >&2; fi
done
cmp -s "$WORK/A.md5" "$WORK/B.md5" && echo "files: A and B wrote the same $(wc -l < "$WORK/A.md5") files (md5)"
awk '$1 > 0 { c[$2] = c[$2] " " $4; w[$2] = w[$2] " " $3; if ($2 == "A") a[$1] = $4; else b[$1] = $4 }
  function median(list,   n, v, i, j, t) { n = split(list, v, " ");
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
  END { for (p in a) r = r " " b[p] / a[p]
    printf "client CPU s per 1M rows, median of %d (warm-up pair 0 not counted): A %.3f  B %.3f; B/A paired: median %.3f, each:%s\n",
      split(c["A"], x, " "), median(c["A"]), median(c["B"]), median(r), r }' "$WORK/runs"
