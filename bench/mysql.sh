#!/usr/bin/env bash
# MariaDB/MySQL source benchmark (docs/benchmarks.md, "MariaDB → PostgreSQL"): a ROWS-row, 9-column mixed-type
# table in MariaDB, then in one run and on loopback
#   - the server's own read rate: `mariadb --quick -e 'SELECT * FROM bench' > /dev/null` (the machine's limit),
#   - pgloader (Debian's package, installed here if missing; never by the tests) into PostgreSQL,
#   - `./dtaas load` (built; the launcher builds it if sources changed) into PostgreSQL,
# and prints one row per path: DTaaS rate, the limit, the ratio, pgloader's rate and DTaaS' peak RSS.
# The source table is kept between runs when it already holds ROWS rows. PROFILE=1 records a JFR file of the
# DTaaS run (bench/results/mysql-load.jfr). Usage: bench/mysql.sh [ROWS]   (default 5000000).
# Results: bench/results/mysql-latest.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-${ROWS:-5000000}}"
OUT=bench/results; mkdir -p "$OUT"; WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
MY="mariadb -uroot -N -B"
SRC=dtaas_bench_mysrc

command -v pgloader >/dev/null || { echo "== installing pgloader (Debian)"; apt-get install -y -q pgloader >/dev/null; }

if [ "$($MY -e "SELECT COUNT(*) FROM $SRC.bench" 2>/dev/null || echo 0)" != "$ROWS" ]; then
  echo "== source data: $ROWS rows in MariaDB $SRC.bench"
  $MY -e "DROP DATABASE IF EXISTS $SRC; CREATE DATABASE $SRC"
  $MY $SRC -e "CREATE TABLE bench (id bigint PRIMARY KEY, i int, n decimal(12,2), f double, t varchar(64), ts datetime(6), d date, b bit(1), u char(36)) ENGINE=InnoDB"
  $PG -d postgres -c "COPY (SELECT g, (g % 100000)::int, (g % 1000000) / 100.0, g / 3.0, md5(g::text), timestamp '2020-01-01' + g * interval '1 second', date '2020-01-01' + (g % 3650)::int, (g % 2 = 0)::int, md5((g * 7)::text)::uuid::text FROM generate_series(1, $ROWS) g) TO STDOUT (FORMAT csv)" > "$WORK/bench.csv"
  $MY --local-infile=1 $SRC -e "SET unique_checks=0; LOAD DATA LOCAL INFILE '$WORK/bench.csv' INTO TABLE bench FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' (id, i, n, f, t, ts, d, @b, u) SET b = CAST(@b AS UNSIGNED)"
  rm -f "$WORK/bench.csv"
  $MY $SRC -e "ANALYZE TABLE bench" >/dev/null
fi
for db in dtaas_bench_my2pg dtaas_bench_pgloader; do
  $PG -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
done

timed() { # label, command...  -> "seconds rss_kib"
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/$label.out" 2> "$WORK/$label.err" || { cat "$WORK/$label.err" >&2; return 1; }
  cat "$WORK/time"
}

cat > "$WORK/my2pg.json" <<JSON
{"task_id": 1, "name": "bench-mysql",
 "source": {"type": "mysql", "connection_config": {"host": "127.0.0.1", "port": 3306, "database": "$SRC", "username": "dtaas_test", "password": "dtaas-test-pw"}},
 "destination": {"type": "postgresql", "connection_config": {"host": "127.0.0.1", "port": 5432, "database": "dtaas_bench_my2pg", "username": "postgres"}},
 "config": {"tables": ["bench"], "batch_size": 10000, "chunk_rows": 500000, "max_parallel_chunks": 2, "target_schema": "public"}}
JSON
./dtaas load --help >/dev/null 2>&1 || true   # builds when sources changed, outside the timings
JFR=""
[ "${PROFILE:-0}" = 1 ] && JFR="-XX:StartFlightRecording=filename=$OUT/mysql-load.jfr,settings=profile"

echo "== runs (each once, in turn)"
read -r QUICK_S _ < <(timed quick bash -c "$MY --quick $SRC -e 'SELECT * FROM bench' > /dev/null")
read -r DT_S DT_RSS < <(DTAAS_JAVA_OPTS="${DTAAS_JAVA_OPTS:-} $JFR" timed my2pg ./dtaas load "$WORK/my2pg.json")
read -r PGL_S PGL_RSS < <(timed pgloader pgloader --no-ssl-cert-verification \
  "mysql://dtaas_test:dtaas-test-pw@127.0.0.1:3306/$SRC" "postgresql://postgres@127.0.0.1:5432/dtaas_bench_pgloader")
[ "$($PG -d dtaas_bench_my2pg -c 'SELECT count(*) FROM bench')" = "$ROWS" ] || { echo "DTaaS: row count wrong" >&2; exit 1; }
# the write side's own limit: PostgreSQL loading the same rows from a binary COPY file (no source, no network)
$PG -d dtaas_bench_my2pg -c "COPY bench TO STDOUT (FORMAT binary)" > "$WORK/rows.bin"
$PG -d dtaas_bench_my2pg -c "CREATE TABLE bench_copy (LIKE bench INCLUDING ALL)"
read -r COPYIN_S _ < <(timed copy-in bash -c "$PG -d dtaas_bench_my2pg -c 'COPY bench_copy FROM STDIN (FORMAT binary)' < '$WORK/rows.bin'")
rm -f "$WORK/rows.bin"
PGL_ROWS="$($PG -d dtaas_bench_pgloader -c "SELECT count(*) FROM $SRC.bench" 2>/dev/null || echo 0)"
[ "$PGL_ROWS" = "$ROWS" ] || echo "pgloader: $PGL_ROWS rows arrived (of $ROWS); see its output" >&2

rate() { awk -v r="$ROWS" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
times() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'; }
{
  echo "MariaDB → PostgreSQL, measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores; $ROWS rows, 9 columns; one run each."
  echo
  echo "| path | DTaaS rows/s | machine limit rows/s | ratio (goal) | pgloader rows/s | vs pgloader (goal) | DTaaS peak RSS (MiB) |"
  echo "|---|---|---|---|---|---|---|"
  echo "| MariaDB → PostgreSQL | $(rate "$DT_S") ($DT_S s) | $(rate "$QUICK_S") (\`mariadb --quick\` > /dev/null, $QUICK_S s) | $(ratio "$(rate "$DT_S")" "$(rate "$QUICK_S")") (≥ 80%) | $(rate "$PGL_S") ($PGL_S s, $((PGL_RSS / 1024)) MiB) | $(times "$(rate "$DT_S")" "$(rate "$PGL_S")") (≥ 4×) | $((DT_RSS / 1024)) |"
  echo "| (write side) PostgreSQL's own binary \`COPY FROM\` of the same rows | | $(rate "$COPYIN_S") ($COPYIN_S s) | DTaaS at $(ratio "$(rate "$DT_S")" "$(rate "$COPYIN_S")") of it | | | |"
} | tee "$OUT/mysql-latest.md"
