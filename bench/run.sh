#!/usr/bin/env bash
# Full-load benchmark (docs/benchmarks.md): every row of issue 19's table in one run, each DTaaS figure next to the
# machine's own limit measured in the same run, with ratios and peak RSS. Loopback only; everything it creates
# lives in bench-only databases (dtaas_bench_*) and a temp dir, dropped at the end.
#
#   bash bench/run.sh [ROWS]                      # default 5,000,000 rows; results in bench/results/latest-ROWS.md
#   BENCH_PATHS="lake pg2pg" bash bench/run.sh 20000000   # only some sections (memory run)
#   BENCH_JFR=1 bash bench/run.sh 1000000         # also profile every DTaaS load (JFR), top frames in the results
#   BENCH_LAKE="local:parquet s3:parquet"          # only some of the lake targets (default: all six)
#   BENCH_JAVA_OPTS="-Xlog:gc:file=/tmp/gc-%p.log" # extra JVM flags for every DTaaS load (a GC log: memory)
#
# Run it holding the build lock so other builds neither disturb it nor are disturbed:
#   flock -o /tmp/dtaas-mvn-build.lock bash bench/run.sh
#
# Sections (BENCH_PATHS, default all): lake (PostgreSQL -> Parquet/CSV/JSON on local files and S3), pg2pg,
# mariadb, startup, cdc. The mariadb, startup and cdc rows are slots: when bench/mysql.sh, bench/startup.sh or
# bench/cdc.sh speak the slot protocol below they are called; otherwise run.sh measures a default (mariadb,
# startup) or points to the script (cdc).
#
# Slot protocol: run.sh exports ROWS, BENCH_WORK (a temp dir), BENCH_SLOT=1, BENCH_ROWS_OUT (a file),
# BENCH_DTAAS_LOAD / BENCH_DTAAS_SERVE (the built app as `./dtaas load` / `./dtaas` run it, copied so edits made
# meanwhile change nothing), plus the source databases it built (PostgreSQL and MariaDB dtaas_bench_src.bench). A slot script appends complete
# markdown rows of the results table to "$BENCH_ROWS_OUT":
#   | path | DTaaS rows/s | limit (what) | limit rows/s | ratio | goal | peak RSS MiB |
# and may write details elsewhere. A script opts in by containing the word BENCH_ROWS_OUT. A row may add two more
# cells, "| CPU s per 1M rows (client / PostgreSQL / other) | cores busy |" (what run.sh's own rows carry, see
# cpu_cells below); a row of seven cells leaves them empty.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-${ROWS:-5000000}}"; export ROWS
PATHS=" ${BENCH_PATHS:-lake pg2pg mariadb startup cdc} "
OUT=bench/results; mkdir -p "$OUT"
WORK="$(mktemp -d)"; export BENCH_WORK="$WORK"
ROWS_OUT="$WORK/rows.md"; : > "$ROWS_OUT"; export BENCH_ROWS_OUT="$ROWS_OUT" BENCH_SLOT=1
NOTES="$WORK/notes.md"; : > "$NOTES"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
MY="mysql -uroot -N -B"
BENCH_DBS="dtaas_bench_src dtaas_bench_pg dtaas_bench_my2pg dtaas_bench_pipe dtaas_bench_copyin"
cleanup() {
  [ -z "${S3PID:-}" ] || kill "$S3PID" 2>/dev/null || true  # never `kill 0`: that ends this script's own process group
  if [ -z "${BENCH_KEEP:-}" ]; then
    for db in $BENCH_DBS; do $PG -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true; done
    $MY -e "DROP DATABASE IF EXISTS dtaas_bench_src" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
has() { [[ "$PATHS" == *" $1 "* ]]; }
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME

# ---------------------------------------------------------------- helpers
# CPU accounting: clock ticks (user + system) of every live process whose name is one of the arguments, plus the
# ticks of the children they reaped. The postmaster reaps every backend that exits, so the difference of two
# readings is all the CPU PostgreSQL spent in between, backends that came and went included (and, on a shared
# machine, whatever other clients made it do meanwhile).
server_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v names=" $* " '{
    comm = $0; sub(/^[^(]*\(/, "", comm); sub(/\).*$/, "", comm)
    if (index(names, " " comm " ")) { rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " "); t += f[12] + f[13] + f[14] + f[15] }
  } END { print t + 0 }'
}
other_ticks() { # the MariaDB server and the S3 server (a JVM of ours, while it runs)
  local s3=0
  [ -n "${S3PID:-}" ] && [ -r "/proc/$S3PID/stat" ] && s3=$(sed 's/^.*) //' "/proc/$S3PID/stat" | awk '{ print $12 + $13 }')
  echo $(( $(server_ticks mariadbd mysqld) + s3 ))
}
TICK=$(getconf CLK_TCK)
timed() { # label, command...  -> "seconds rss_kib" (peak RSS of the command's own process); CPU in $WORK/label.cpu
  local label="$1"; shift
  local pg0 other0 pg1 other1 e m u s
  pg0=$(server_ticks postgres); other0=$(other_ticks)
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" > "$WORK/$label.out" 2> "$WORK/$label.err" \
    || { echo "$label failed:" >&2; tail -20 "$WORK/$label.err" >&2; return 1; }
  sleep 0.3  # the postmaster reaps the backends that served the command
  pg1=$(server_ticks postgres); other1=$(other_ticks)
  read -r e m u s < "$WORK/time"
  # wall, client CPU (the command and the children it waited for: the DTaaS JVM, psql), PostgreSQL, other servers
  awk -v e="$e" -v u="$u" -v s="$s" -v pg=$(( pg1 - pg0 )) -v o=$(( other1 - other0 )) -v t="$TICK" \
    'BEGIN { printf "%s %.2f %.2f %.2f\n", e, u + s, pg / t, o / t }' > "$WORK/$label.cpu"
  echo "$e $m"
}
cpu_cells() { # label -> "CPU s per 1M rows (client / PostgreSQL[ / other]) | cores busy" of its timed run
  [ -f "$WORK/$1.cpu" ] || { echo " | "; return; }
  awk -v r="$ROWS" '{ f = 1000000 / r; o = ($4 >= 0.05) ? sprintf(" / %.2f", $4 * f) : ""
    printf "%.2f / %.2f%s | %.2f", $2 * f, $3 * f, o, ($2 + $3 + $4) / $1 }' "$WORK/$1.cpu"
}
rate() { awk -v r="$ROWS" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * b / a }'; }
mib() { echo $(( $1 / 1024 )); }
row() { # path dtaas_rate limit_what limit_rate goal rss_kib timed_label
  local ratio="—"; [ -n "$4" ] && [ "$4" != "—" ] && ratio="$(pct "$4" "$2")"
  echo "| $1 | $2 | $3 | ${4:-—} | $ratio | $5 | ${6:+$(mib "$6")} | $(cpu_cells "${7:-}") |" >> "$ROWS_OUT"
}
slot() { # script: true when it speaks the slot protocol
  [ -f "$1" ] && grep -q BENCH_ROWS_OUT "$1"
}
spec() { # file source_type source_config dest_json [max_parallel_chunks]
  cat > "$1" <<JSON
{"task_id": 1, "name": "bench",
 "source": {"type": "$2", "connection_config": $3},
 "destination": $4,
 "config": {"tables": ["bench"], "batch_size": 10000, "chunk_rows": 500000, "max_parallel_chunks": ${5:-2}, "target_schema": "public"}}
JSON
}
# JFR profile of one run, summarised by the top frame's package (where the CPU goes). JDK 25's CPU-time sampler
# (JEP 509, Linux) samples threads by the CPU they burn, native code included (snappy, zstd, socket reads), where
# jdk.ExecutionSample sees Java frames only and under-samples on a loaded machine.
jfr_opts() {
  [ -n "${BENCH_JFR:-}" ] || return 0
  echo "-XX:StartFlightRecording=filename=$WORK/$1.jfr,settings=profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=2ms"
}
jfr_summary() { # label
  [ -n "${BENCH_JFR:-}" ] && [ -f "$WORK/$1.jfr" ] || return 0
  JFR_EVENT=jdk.CPUTimeSample bash bench/jfr-summary.sh "$WORK/$1.jfr" "\`$1\`" >> "$NOTES"
}

echo "== building ./dtaas"; ./dtaas load >/dev/null 2>&1 || true
# A copy of the built app, run with ./dtaas load's own JVM flags: edits made while the benchmark runs can neither
# trigger a rebuild inside a timed run nor change what is measured.
mkdir -p "$WORK/app"; cp -r control-plane/target/quarkus-app/. "$WORK/app/"
cat > "$WORK/dtaas-load" <<SH
#!/usr/bin/env bash
# DTAAS_JAVA_OPTS: extra JVM flags (JFR)
exec "$JAVA_HOME/bin/java" $(sed -n 's/.*"load" ]; then heap="\(.*\)"; fi.*/\1/p' dtaas) --enable-native-access=ALL-UNNAMED \\
  \${DTAAS_JAVA_OPTS:-} -jar "$WORK/app/quarkus-run.jar" load "\$@"
SH
cat > "$WORK/dtaas-serve" <<SH
#!/usr/bin/env bash
exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$WORK/app/quarkus-run.jar" "\$@"
SH
chmod +x "$WORK/dtaas-load" "$WORK/dtaas-serve"
export BENCH_DTAAS_LOAD="$WORK/dtaas-load" BENCH_DTAAS_SERVE="$WORK/dtaas-serve"
PGSRC='{"host": "127.0.0.1", "port": 5432, "database": "dtaas_bench_src", "username": "postgres"}'
MYSRC='{"host": "127.0.0.1", "port": 3306, "database": "dtaas_bench_src", "username": "dtaas_test", "password": "dtaas-test-pw"}'
pgdst() { echo "{\"type\": \"postgresql\", \"connection_config\": {\"host\": \"127.0.0.1\", \"port\": 5432, \"database\": \"$1\", \"username\": \"postgres\"}}"; }

# ---------------------------------------------------------------- source data
echo "== source data: $ROWS rows"
for db in $BENCH_DBS; do $PG -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"; done
TABLE_DDL="(id bigint PRIMARY KEY, i integer, n numeric(12,2), f double precision, t varchar(64), ts timestamp, d date, b boolean, u char(36))"
$PG -d dtaas_bench_src -c "CREATE TABLE bench $TABLE_DDL" -c "INSERT INTO bench SELECT g, (g % 100000)::int, (g % 1000000) / 100.0, g / 3.0, md5(g::text), timestamp '2020-01-01' + g * interval '1 second', date '2020-01-01' + (g % 3650)::int, g % 2 = 0, md5((g * 7)::text)::uuid::text FROM generate_series(1, $ROWS) g" -c "VACUUM ANALYZE bench"
if has mariadb; then
  $MY -e "DROP DATABASE IF EXISTS dtaas_bench_src; CREATE DATABASE dtaas_bench_src"
  $MY dtaas_bench_src -e "CREATE TABLE bench (id bigint PRIMARY KEY, i int, n decimal(12,2), f double, t varchar(64), ts datetime(6), d date, b bit(1), u char(36)) ENGINE=InnoDB"
  $PG -d dtaas_bench_src -c "COPY bench TO STDOUT (FORMAT csv)" > "$WORK/bench.csv"
  sed -i 's/,t,\([^,]*\)$/,1,\1/; s/,f,\([^,]*\)$/,0,\1/' "$WORK/bench.csv"
  $MY --local-infile=1 dtaas_bench_src -e "SET unique_checks=0; LOAD DATA LOCAL INFILE '$WORK/bench.csv' INTO TABLE bench FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' (id, i, n, f, t, ts, d, @b, u) SET b = CAST(@b AS UNSIGNED)"
  rm -f "$WORK/bench.csv"
fi

# ---------------------------------------------------------------- PostgreSQL -> Parquet/CSV/JSON (issue 19 item 1)
bench_lake() {
  echo "== PostgreSQL -> files: baseline COPY binary -> /dev/null"
  local copy_s; read -r copy_s _ < <(timed copy-out bash -c "$PG -d dtaas_bench_src -c 'COPY bench TO STDOUT (FORMAT binary)' > /dev/null")
  local limit; limit="$(rate "$copy_s")"
  echo "| \`COPY bench TO STDOUT (FORMAT binary)\` → /dev/null | | | $limit | | (the limit) | | $(cpu_cells copy-out) |" >> "$ROWS_OUT"
  echo "== S3 server (s3proxy, on disk in the temp dir)"
  # offline first; a fresh ~/.m2 lacks the dependency plugin until it is fetched once
  ./mvnw -B -q -o -pl common dependency:build-classpath -Dmdep.outputFile="$WORK/test-cp.txt" -Dmdep.includeScope=test \
    || ./mvnw -B -q -pl common dependency:build-classpath -Dmdep.outputFile="$WORK/test-cp.txt" -Dmdep.includeScope=test
  cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:18080
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$WORK/s3
CONF
  mkdir -p "$WORK/s3"
  "$JAVA_HOME/bin/java" -Xmx2g -cp "$(cat "$WORK/test-cp.txt")" org.gaul.s3proxy.Main --properties "$WORK/s3proxy.conf" \
    > "$WORK/s3proxy.log" 2>&1 & S3PID=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null http://127.0.0.1:18080 && break; sleep 1; done
  curl -sf -o /dev/null -X PUT http://127.0.0.1:18080/bench --user bench:bench-secret --aws-sigv4 "aws:amz:us-east-1:s3" \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
    || { echo "cannot create the benchmark bucket; see $WORK/s3proxy.log" >&2; exit 1; }
  mkdir -p "$WORK/files"
  local format store label s rss dest
  for target in ${BENCH_LAKE:-local:parquet local:csv local:json s3:parquet s3:csv s3:json}; do
      store="${target%%:*}"; format="${target#*:}"
      label="pg2$store-$format"
      if [ "$store" = local ]; then
        rm -rf "$WORK/files/$format"; mkdir -p "$WORK/files/$format"
        dest="{\"type\": \"local_files\", \"connection_config\": {\"path\": \"$WORK/files/$format\", \"file_format\": \"$format\", \"compression\": \"default\"}}"
      else
        dest="{\"type\": \"s3\", \"connection_config\": {\"bucket_name\": \"bench\", \"prefix\": \"$format\", \"aws_access_key_id\": \"bench\", \"aws_secret_access_key\": \"bench-secret\", \"endpoint_url\": \"http://127.0.0.1:18080\", \"path_style\": true, \"file_format\": \"$format\", \"compression\": \"default\"}}"
      fi
      spec "$WORK/$label.json" postgresql "$PGSRC" "$dest"
      echo "== DTaaS PostgreSQL -> $format ($store)"
      s=""; rss=""
      read -r s rss < <(DTAAS_FILES_ROOTS="$WORK/files" DTAAS_JAVA_OPTS="$(jfr_opts "$label") ${BENCH_JAVA_OPTS:-}" timed "$label" "$WORK/dtaas-load" "$WORK/$label.json") || true
      if [ -z "$s" ] || ! grep -q "\"status\":\"completed\",\"processed_rows\":$ROWS," "$WORK/$label.out"; then
        echo "$label did not complete $ROWS rows" >&2
        echo "| PostgreSQL → $format, $store | failed (see the run's output) | | | | | |" >> "$ROWS_OUT"
        rm -rf "$WORK/files/$format" "$WORK/s3/bench/$format"; continue
      fi
      local what="PostgreSQL → $([ "$format" = parquet ] && echo "Parquet (snappy)" || echo "${format^^}")"
      row "$what, $([ "$store" = local ] && echo "local files" || echo "S3 (s3proxy, on disk)")" "$(rate "$s")" "COPY binary → /dev/null" "$limit" "≥ 60%" "$rss" "$label"
      jfr_summary "$label"
      rm -rf "$WORK/files/$format" "$WORK/s3/bench/$format"  # keeps the disk (and s3proxy) from filling up
  done
  kill "$S3PID" 2>/dev/null || true; S3PID=
}

# ---------------------------------------------------------------- PostgreSQL -> PostgreSQL (write-side limit)
bench_pg2pg() {
  echo "== PostgreSQL -> PostgreSQL: baselines"
  $PG -d dtaas_bench_pipe -c "CREATE TABLE bench $TABLE_DDL"
  $PG -d dtaas_bench_copyin -c "CREATE TABLE bench $TABLE_DDL"
  local pipe_s copyin_s s rss
  read -r pipe_s _ < <(timed pipe bash -c "$PG -d dtaas_bench_src -c 'COPY bench TO STDOUT (FORMAT binary)' | $PG -d dtaas_bench_pipe -c 'COPY bench FROM STDIN (FORMAT binary)'")
  $PG -d dtaas_bench_src -c "COPY bench TO STDOUT (FORMAT binary)" > "$WORK/bench.bin"
  read -r copyin_s _ < <(timed copy-in bash -c "$PG -d dtaas_bench_copyin -c 'COPY bench FROM STDIN (FORMAT binary)' < '$WORK/bench.bin'")
  rm -f "$WORK/bench.bin"
  echo "| \`psql COPY \\| psql COPY\` binary pipe | | | $(rate "$pipe_s") | | (a limit) | | $(cpu_cells pipe) |" >> "$ROWS_OUT"
  echo "| target's own \`COPY FROM STDIN (FORMAT binary)\` of a file | | | $(rate "$copyin_s") | | (the write-side limit) | | $(cpu_cells copy-in) |" >> "$ROWS_OUT"
  spec "$WORK/pg2pg.json" postgresql "$PGSRC" "$(pgdst dtaas_bench_pg)"
  echo "== DTaaS PostgreSQL -> PostgreSQL"
  read -r s rss < <(DTAAS_JAVA_OPTS="$(jfr_opts pg2pg) ${BENCH_JAVA_OPTS:-}" timed pg2pg "$WORK/dtaas-load" "$WORK/pg2pg.json")
  [ "$($PG -d dtaas_bench_pg -c 'SELECT count(*) FROM bench')" = "$ROWS" ] || { echo "pg2pg row count wrong" >&2; exit 1; }
  row "PostgreSQL → PostgreSQL" "$(rate "$s")" "target's own COPY FROM (binary file)" "$(rate "$copyin_s")" "≥ 90%" "$rss" pg2pg
  jfr_summary pg2pg
}

# ---------------------------------------------------------------- SLOT: MariaDB -> PostgreSQL (bench/mysql.sh owns it)
bench_mariadb() {
  if slot bench/mysql.sh; then echo "== MariaDB -> PostgreSQL: bench/mysql.sh"; bash bench/mysql.sh; return; fi
  echo "== MariaDB -> PostgreSQL (default measurement; bench/mysql.sh replaces it)"
  local read_s s rss pgl_s=""
  read -r read_s _ < <(timed my-read bash -c "mariadb -uroot --quick -N -B dtaas_bench_src -e 'SELECT * FROM bench' > /dev/null")
  spec "$WORK/my2pg.json" mysql "$MYSRC" "$(pgdst dtaas_bench_my2pg)"
  read -r s rss < <(DTAAS_JAVA_OPTS="$(jfr_opts my2pg) ${BENCH_JAVA_OPTS:-}" timed my2pg "$WORK/dtaas-load" "$WORK/my2pg.json")
  [ "$($PG -d dtaas_bench_my2pg -c 'SELECT count(*) FROM bench')" = "$ROWS" ] || { echo "my2pg row count wrong" >&2; exit 1; }
  row "MariaDB → PostgreSQL" "$(rate "$s")" "\`mariadb --quick -e 'select *'\` → /dev/null" "$(rate "$read_s")" "≥ 80%" "$rss" my2pg
  jfr_summary my2pg
  if command -v pgloader >/dev/null; then
    $PG -d dtaas_bench_my2pg -c "DROP TABLE IF EXISTS bench"
    if read -r pgl_s _ < <(timed pgloader pgloader --quiet "mysql://root@127.0.0.1:3306/dtaas_bench_src" \
        "postgresql://postgres@127.0.0.1:5432/dtaas_bench_my2pg"); then
      # pgloader writes into a schema named after the source database: count what it loaded, wherever it put it
      local loaded; loaded=$($PG -d dtaas_bench_my2pg -c "SELECT string_agg(format('%I.%I', table_schema, table_name), ' ')
        FROM information_schema.tables WHERE table_name = 'bench'")
      [ -n "$loaded" ] && [ "$($PG -d dtaas_bench_my2pg -c "SELECT count(*) FROM $loaded")" = "$ROWS" ] \
        || { echo "pgloader did not load $ROWS rows into one bench table ($loaded)" >&2; exit 1; }
      row "MariaDB → PostgreSQL, against pgloader" "$(rate "$s")" "pgloader (Debian), same table" "$(rate "$pgl_s")" "≥ 400%" "" pgloader
    fi
  fi
}

# ---------------------------------------------------------------- SLOT: start-up (bench/startup.sh owns it)
bench_startup() {
  if slot bench/startup.sh; then echo "== start-up: bench/startup.sh"; bash bench/startup.sh; return; fi
  echo "== start-up (default measurement; bench/startup.sh replaces it)"
  local home="$WORK/home" port=18765 start end pid
  mkdir -p "$home"
  "$WORK/dtaas-serve" --port "$port" --no-browser --data-dir "$home" > "$WORK/startup-warm.log" 2>&1 & pid=$!  # first start: creates the data dir
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/q/health" 2>/dev/null | grep -q '"UP"' && break; sleep 0.5; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  start=$(date +%s.%N)
  "$WORK/dtaas-serve" --port "$port" --no-browser --data-dir "$home" > "$WORK/startup.log" 2>&1 & pid=$!
  until curl -sf "http://127.0.0.1:$port/q/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "./dtaas exited during start-up" >&2; tail "$WORK/startup.log" >&2; return 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  local rss; rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo "")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "| \`./dtaas\` start to /q/health UP (second start, built) | $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f s", b - a }') | | | | < 3 s | ${rss:+$(mib "$rss")} |" >> "$ROWS_OUT"
}

# ---------------------------------------------------------------- SLOT: change capture (bench/cdc.sh owns it)
bench_cdc() {
  if slot bench/cdc.sh; then echo "== CDC: bench/cdc.sh"; bash bench/cdc.sh; return; fi
  echo "CDC: \`bash bench/cdc.sh\` runs separately (results in bench/results/cdc-latest.md)." >> "$NOTES"
}

has lake && bench_lake
has pg2pg && bench_pg2pg
has mariadb && bench_mariadb
has startup && bench_startup
has cdc && bench_cdc

{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB;"
  echo "$ROWS rows, 9 columns; DTaaS = \`./dtaas load\` (JVM start-up included), peak RSS of its process."
  echo
  echo "CPU: seconds (user + system) per 1M rows of the client (the DTaaS JVM, or psql/mariadb/pgloader for a limit),"
  echo "of PostgreSQL (every postgres process, exited backends included) and of the other servers (MariaDB, the S3"
  echo "server) when they worked; cores busy = all of it / wall time ($(nproc) cores: $(nproc).00 means saturated)."
  echo
  echo "| path | DTaaS rows/s | the machine's limit (same run) | limit rows/s | ratio | goal | peak RSS (MiB) | CPU s per 1M rows (client / PostgreSQL / other) | cores busy |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$ROWS_OUT"
  cat "$NOTES"
} | tee "$OUT/latest-$ROWS.md"
