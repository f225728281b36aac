# Reads `jfr print --stack-depth 64 --events jdk.CPUTimeSample` (or jdk.ExecutionSample) output (bench/run.sh, BENCH_JFR=1) and prints, per
# sample, "O<TAB>component" (the component of its first non-JDK frame: who asked for the work) and "T<TAB>frame"
# (its top frame: where the CPU actually was). bench/run.sh counts them.
function component(f) {
  if (f ~ /^io\.dtaas\.connect\.postgres\./) return "DTaaS PostgreSQL reader/writer (binary COPY)"
  if (f ~ /^org\.postgresql\./) return "pgjdbc (socket, protocol)"
  if (f ~ /^org\.apache\.parquet\./ || f ~ /^shaded\.parquet\./) return "Parquet encoding"
  if (f ~ /^org\.xerial\.snappy\.|^com\.github\.luben\.|^io\.airlift\.compress\./) return "compression (snappy/zstd)"
  if (f ~ /^io\.dtaas\.format\./) return "DTaaS file formats (CSV/JSON writers, Parquet glue)"
  if (f ~ /^software\.amazon\.|^org\.apache\.http\.|^io\.netty\./) return "S3 client / HTTP"
  if (f ~ /^io\.dtaas\.cdc\./) return "DTaaS change stream (Connect record -> change)"
  if (f ~ /^io\.dtaas\.connect\.jdbc\.Change/) return "DTaaS change applier (merge by key)"
  if (f ~ /^io\.dtaas\.bench\./) return "bench workload (source statements, timing)"
  if (f ~ /^io\.debezium\./) return "Debezium (decoding, queue, engine)"
  if (f ~ /^org\.apache\.kafka\./) return "Kafka Connect (structs, converters, offsets)"
  if (f ~ /^com\.github\.shyiko\.|^org\.mariadb\.|^com\.mysql\./) return "MySQL/MariaDB client (binlog, driver)"
  if (f ~ /^io\.dtaas\./) return "DTaaS engine / other"
  return "other: " f
}
/^jdk\.(ExecutionSample|CPUTimeSample)/ { inStack = 0; top = ""; owner = ""; next }
/stackTrace = \[/ { inStack = 1; next }
inStack && /^[ \t]*\]/ {
  inStack = 0
  if (owner == "") owner = "JDK only"
  print "O\t" owner; print "T\t" top; next
}
inStack {
  f = $1; sub(/\(.*/, "", f)
  if (top == "") top = f
  if (owner == "" && f !~ /^(java|javax|jdk|sun|com\.sun)\./ && f != "...") owner = component(f)
}
