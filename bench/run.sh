#!/usr/bin/env bash
# Full-load benchmark (docs/benchmarks.md): builds a ROWS-row, 9-column mixed-type table in PostgreSQL and
# MariaDB, then measures rows/s and peak RSS of `./dtaas load` for PostgreSQL -> S3 Parquet (snappy),
# PostgreSQL -> PostgreSQL and MariaDB -> PostgreSQL, next to psql's own COPY baselines. Loopback only.
# Usage: bench/run.sh [ROWS]   (default 5000000). Results: bench/results/latest.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-${ROWS:-5000000}}"
OUT=bench/results; mkdir -p "$OUT"; WORK="$(mktemp -d)"; trap 'kill ${S3PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
MY="mysql -uroot -N -B"

echo "== building ./dtaas"; ./dtaas load >/dev/null 2>&1 || true
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -o -pl common dependency:build-classpath -Dmdep.outputFile="$WORK/test-cp.txt" -Dmdep.includeScope=test

echo "== source data: $ROWS rows"
$PG -d postgres -c "DROP DATABASE IF EXISTS dtaas_bench_src WITH (FORCE)" -c "CREATE DATABASE dtaas_bench_src"
for db in dtaas_bench_pg dtaas_bench_my2pg dtaas_bench_pipe; do
  $PG -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
done
TABLE_DDL="(id bigint PRIMARY KEY, i integer, n numeric(12,2), f double precision, t varchar(64), ts timestamp, d date, b boolean, u char(36))"
$PG -d dtaas_bench_src -c "CREATE TABLE bench $TABLE_DDL" -c "INSERT INTO bench SELECT g, (g % 100000)::int, (g % 1000000) / 100.0, g / 3.0, md5(g::text), timestamp '2020-01-01' + g * interval '1 second', date '2020-01-01' + (g % 3650)::int, g % 2 = 0, md5((g * 7)::text)::uuid::text FROM generate_series(1, $ROWS) g" -c "VACUUM ANALYZE bench"
$PG -d dtaas_bench_pipe -c "CREATE TABLE bench $TABLE_DDL"
$MY -e "DROP DATABASE IF EXISTS dtaas_bench_src; CREATE DATABASE dtaas_bench_src"
$MY dtaas_bench_src -e "CREATE TABLE bench (id bigint PRIMARY KEY, i int, n decimal(12,2), f double, t varchar(64), ts datetime(6), d date, b bit(1), u char(36)) ENGINE=InnoDB"
$PG -d dtaas_bench_src -c "COPY bench TO STDOUT (FORMAT csv)" > "$WORK/bench.csv"
sed -i 's/,t,\([^,]*\)$/,1,\1/; s/,f,\([^,]*\)$/,0,\1/' "$WORK/bench.csv"
$MY --local-infile=1 dtaas_bench_src -e "SET unique_checks=0; LOAD DATA LOCAL INFILE '$WORK/bench.csv' INTO TABLE bench FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' (id, i, n, f, t, ts, d, @b, u) SET b = CAST(@b AS UNSIGNED)"
rm -f "$WORK/bench.csv"

timed() { # label, command...  -> "seconds rss_kib"
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/$label.out" 2> "$WORK/$label.err" || { cat "$WORK/$label.err" >&2; return 1; }
  cat "$WORK/time"
}

echo "== baselines"
read -r COPY_S _ < <(timed copy-out bash -c "$PG -d dtaas_bench_src -c 'COPY bench TO STDOUT (FORMAT binary)' > /dev/null")
read -r PIPE_S _ < <(timed pipe bash -c "$PG -d dtaas_bench_src -c 'COPY bench TO STDOUT (FORMAT binary)' | $PG -d dtaas_bench_pipe -c 'COPY bench FROM STDIN (FORMAT binary)'")

echo "== S3 server (s3proxy, in memory)"
cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:18080
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=transient-nio2
CONF
"$JAVA_HOME/bin/java" -cp "$(cat "$WORK/test-cp.txt")" org.gaul.s3proxy.Main --properties "$WORK/s3proxy.conf" \
  > "$WORK/s3proxy.log" 2>&1 & S3PID=$!
for _ in $(seq 1 60); do curl -s -o /dev/null http://127.0.0.1:18080 && break; sleep 1; done
curl -sf -o /dev/null -X PUT http://127.0.0.1:18080/bench --user bench:bench-secret --aws-sigv4 "aws:amz:us-east-1:s3" \
  -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
  || { echo "cannot create the benchmark bucket; see $WORK/s3proxy.log" >&2; exit 1; }

spec() { # file source_type source_db dest_json
  cat > "$1" <<JSON
{"task_id": 1, "name": "bench",
 "source": {"type": "$2", "connection_config": $3},
 "destination": $4,
 "config": {"tables": ["bench"], "batch_size": 10000, "chunk_rows": 500000, "max_parallel_chunks": 2, "target_schema": "public"}}
JSON
}
PGSRC='{"host": "127.0.0.1", "port": 5432, "database": "dtaas_bench_src", "username": "postgres"}'
MYSRC='{"host": "127.0.0.1", "port": 3306, "database": "dtaas_bench_src", "username": "dtaas_test", "password": "dtaas-test-pw"}'
pgdst() { echo "{\"type\": \"postgresql\", \"connection_config\": {\"host\": \"127.0.0.1\", \"port\": 5432, \"database\": \"$1\", \"username\": \"postgres\"}}"; }
S3DST='{"type": "s3", "connection_config": {"bucket_name": "bench", "aws_access_key_id": "bench", "aws_secret_access_key": "bench-secret", "endpoint_url": "http://127.0.0.1:18080", "path_style": true, "file_format": "parquet", "compression": "snappy"}}'
spec "$WORK/pg2s3.json" postgresql "$PGSRC" "$S3DST"
spec "$WORK/pg2pg.json" postgresql "$PGSRC" "$(pgdst dtaas_bench_pg)"
spec "$WORK/my2pg.json" mysql "$MYSRC" "$(pgdst dtaas_bench_my2pg)"

echo "== DTaaS runs"
read -r S3_S S3_RSS < <(timed pg2s3 ./dtaas load "$WORK/pg2s3.json")
read -r PG_S PG_RSS < <(timed pg2pg ./dtaas load "$WORK/pg2pg.json")
read -r MY_S MY_RSS < <(timed my2pg ./dtaas load "$WORK/my2pg.json")
[ "$($PG -d dtaas_bench_pg -c 'SELECT count(*) FROM bench')" = "$ROWS" ] || { echo "pg2pg row count wrong" >&2; exit 1; }
[ "$($PG -d dtaas_bench_my2pg -c 'SELECT count(*) FROM bench')" = "$ROWS" ] || { echo "my2pg row count wrong" >&2; exit 1; }

rate() { awk -v r="$ROWS" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * b / a }'; }
{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $ROWS rows, 9 columns."
  echo
  echo "| run | seconds | rows/s | peak RSS (MiB) | vs baseline |"
  echo "|---|---|---|---|---|"
  echo "| psql COPY TO STDOUT (binary) > /dev/null | $COPY_S | $(rate "$COPY_S") | | baseline for PG→Parquet |"
  echo "| psql COPY \\| psql COPY (binary pipe) | $PIPE_S | $(rate "$PIPE_S") | | baseline for PG→PG |"
  echo "| DTaaS PostgreSQL → S3 Parquet (snappy) | $S3_S | $(rate "$S3_S") | $((S3_RSS / 1024)) | $(pct "$(rate "$COPY_S")" "$(rate "$S3_S")") of COPY-out (target ≥ 60%) |"
  echo "| DTaaS PostgreSQL → PostgreSQL | $PG_S | $(rate "$PG_S") | $((PG_RSS / 1024)) | $(pct "$(rate "$PIPE_S")" "$(rate "$PG_S")") of pipe (target ≥ 90%) |"
  echo "| DTaaS MariaDB → PostgreSQL | $MY_S | $(rate "$MY_S") | $((MY_RSS / 1024)) | target ≥ 300k rows/s |"
} | tee "$OUT/latest-$ROWS.md"
