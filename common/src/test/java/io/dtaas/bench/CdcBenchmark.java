package io.dtaas.bench;

import io.dtaas.cdc.SourceCapture;
import io.dtaas.connect.jdbc.ChangeApplier;
import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.cdc.ChangeStream;
import io.dtaas.cdc.DebeziumProperties;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CDC benchmark (docs/benchmarks.md, run by bench/cdc.sh): changes/s applied from PostgreSQL and MariaDB into
 * PostgreSQL for a burst of inserts, updates and deletes, and commit→destination latency (p50/p99) at a steady
 * 1,000 changes/s; then the same stream's distinct-key workload ({@link DistinctKeyWorkload}: updates spread over
 * a table of a million rows, so per-key compression inside a batch never helps). Loopback only; not part of the
 * test suite.
 */
public final class CdcBenchmark {

    private static final int BURST_ROWS = Integer.getInteger("rows", 200_000);
    private static final int STEADY_SECONDS = Integer.getInteger("seconds", 20);

    private CdcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder("| source | burst changes | changes/s applied | latency p50 at 1k/s | p99 |\n|---|---|---|---|---|\n");
        StringBuilder distinct = new StringBuilder(DistinctKeyWorkload.HEADER);
        for (String kind : System.getProperty("sources", "postgresql,mariadb").split(",")) {
            String[] rows = run(kind);
            report.append(rows[0]);
            distinct.append(rows[1]);
        }
        report.append("\n").append(distinct);
        System.out.println(report);
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/cdc-latest.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** The burst/insert row and the distinct-key row of one source. */
    private static String[] run(String kind) throws Exception {
        boolean pg = kind.equals("postgresql");
        String src = "dtaas_bench_cdc_src";
        String dst = "dtaas_bench_cdc_dst_" + (pg ? "pg" : "my");
        String stream = "dtaas_bench_cdc_" + (pg ? "pg" : "my");
        PostgresFixture.freshDatabase(dst);
        dropSlot(stream);
        Connector connector;
        ConfigValues source;
        TableRef table;
        if (pg) {
            PostgresFixture.freshDatabase(src);
            PostgresFixture.execute(src, "CREATE TABLE bench (id bigint PRIMARY KEY, v text, n int, "
                    + "created_at timestamp(6) DEFAULT (clock_timestamp() AT TIME ZONE 'UTC'))",
                    DistinctKeyWorkload.TABLE_DDL.formatted("timestamp(6)"), DistinctKeyWorkload.fillSql(true));
            connector = new PostgresConnector();
            source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(src), "s");
            table = new TableRef("public", "bench");
        } else {
            MariaDbFixture.freshDatabase(src);
            MariaDbFixture.execute(src, "CREATE TABLE bench (id bigint PRIMARY KEY, v text, n int, "
                    + "created_at datetime(6) DEFAULT UTC_TIMESTAMP(6))",
                    DistinctKeyWorkload.TABLE_DDL.formatted("datetime(6)"), DistinctKeyWorkload.fillSql(false));
            connector = new MysqlConnector();
            source = ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig(src), "s");
            table = new TableRef(src, "bench");
        }
        TableRef keysTable = new TableRef(table.schema(), DistinctKeyWorkload.TABLE);
        TableSchema schema;
        TableSchema keysSchema;
        try (Source s = connector.source(source)) {
            schema = s.describe(table);
            keysSchema = s.describe(keysTable);
        }
        Path state = Files.createTempDirectory("dtaas-cdc-bench");
        CapturePlan plan = new CapturePlan(stream, List.of(table, keysTable), state.resolve("offsets.dat"), state.resolve("history.dat"),
                10_000, 10);
        ConfigValues target = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(dst), "d");
        AtomicLong applied = new AtomicLong();
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        AtomicLong measuring = new AtomicLong(-1); // ids above this value are timed
        DistinctKeyWorkload distinct = new DistinctKeyWorkload(pg, src, applied, STEADY_SECONDS);
        Map<TableRef, TableSchema> schemas = Map.of(table, schema, keysTable, keysSchema);
        try (Destination d = new PostgresConnector().destination(target)) {
            ChangeApplier applier = new ChangeApplier(d, schemas, t -> new TableRef("public", t.name()));
            applier.prepare();
            // the target starts as a copy of the source's key table, as after a full load
            PostgresFixture.execute(dst, DistinctKeyWorkload.fillSql(true).replace("INSERT INTO ", "INSERT INTO public."));
            try (ChangeStream cdc = new ChangeStream(DebeziumProperties.of(SourceCapture.of(pg ? new io.dtaas.connect.postgres.PostgresConnector() : new io.dtaas.connect.mysql.MysqlConnector()), source, plan),
                    schemas, applier, changes -> {
                        applied.addAndGet(changes.size());
                        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
                        long threshold = measuring.get();
                        distinct.record(changes, now);
                        for (ChangeEvent e : changes) {
                            if (!e.table().equals(table)) {
                                continue;
                            }
                            if (threshold >= 0 && e.op() == ChangeEvent.Op.INSERT
                                    && ((Number) e.values().get("id")).longValue() > threshold) {
                                LocalDateTime at = (LocalDateTime) e.values().get("created_at");
                                latenciesMicros.add(Duration.between(at, now).toNanos() / 1000);
                            }
                        }
                    })) {
                cdc.start();
                long sentinel = -1;
                while (applied.get() == 0) {
                    execute(pg, src, "INSERT INTO bench (id, v, n) VALUES (" + sentinel-- + ", 's', 0)");
                    Thread.sleep(500);
                }
                Thread.sleep(1000);
                long base = applied.get();
                // burst: N inserts, N updates, N/2 deletes
                long t0 = System.nanoTime();
                execute(pg, src, pg ? "INSERT INTO bench (id, v, n) SELECT g, md5(g::text), g FROM generate_series(1, " + BURST_ROWS + ") g"
                        : "INSERT INTO bench (id, v, n) SELECT seq, md5(seq), seq FROM seq_1_to_" + BURST_ROWS);
                execute(pg, src, "UPDATE bench SET n = n + 1 WHERE id > 0");
                execute(pg, src, "DELETE FROM bench WHERE id > 0 AND id % 2 = 0");
                long expected = BURST_ROWS * 5L / 2;
                while (applied.get() - base < expected) {
                    if (cdc.outcome().isDone()) {
                        throw new IllegalStateException("stream stopped", cdc.outcome().get());
                    }
                    Thread.sleep(20);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long burstRate = Math.round(expected / seconds);
                // steady 1,000 inserts/s in 10-row statements every 10 ms
                measuring.set(BURST_ROWS);
                long id = BURST_ROWS + 1;
                long end = System.nanoTime() + STEADY_SECONDS * 1_000_000_000L;
                long next = System.nanoTime();
                try (Connection c = pg ? PostgresFixture.connect(src) : MariaDbFixture.connect(src);
                     Statement st = c.createStatement()) {
                    while (System.nanoTime() < end) {
                        StringBuilder sql = new StringBuilder("INSERT INTO bench (id, v, n) VALUES ");
                        for (int i = 0; i < 10; i++) {
                            sql.append(i > 0 ? "," : "").append("(").append(id++).append(", 'x', 1)");
                        }
                        st.execute(sql.toString());
                        next += 10_000_000L;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
                Thread.sleep(2000);
                if (cdc.outcome().isDone()) {
                    throw new IllegalStateException("stream stopped during the steady phase", cdc.outcome().get());
                }
                List<Long> sorted = new ArrayList<>(latenciesMicros);
                Collections.sort(sorted);
                String p50 = sorted.isEmpty() ? "n/a" : sorted.get(sorted.size() / 2) / 1000.0 + " ms";
                String p99 = sorted.isEmpty() ? "n/a" : sorted.get((int) (sorted.size() * 0.99)) / 1000.0 + " ms";
                String label = (pg ? "PostgreSQL" : "MariaDB") + " → PostgreSQL";
                String first = "| " + label + " | " + expected + " | " + burstRate + " | " + p50 + " | " + p99 + " |\n";
                return new String[] {first, distinct.run(label, () -> {
                    if (cdc.outcome().isDone()) {
                        throw new IllegalStateException("stream stopped in the distinct-key workload", cdc.outcome().get());
                    }
                })};
            }
        } finally {
            dropSlot(stream);
        }
    }

    private static void execute(boolean pg, String db, String sql) throws Exception {
        if (pg) {
            PostgresFixture.execute(db, sql);
        } else {
            MariaDbFixture.execute(db, sql);
        }
    }

    private static void dropSlot(String name) throws Exception {
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + name + "' AND NOT active");
    }
}
