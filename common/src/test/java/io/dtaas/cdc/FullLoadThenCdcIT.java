package io.dtaas.cdc;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.SnapshotHandoff;
import io.dtaas.connect.Source;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.engine.RunControl;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TransferConfig;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * full_load_then_cdc from real PostgreSQL and MariaDB into PostgreSQL while a writer inserts, updates and
 * deletes random keys of the whole table (chunks already loaded, being loaded and not yet loaded) through the
 * load and into streaming: once the writer stops and the stream catches up, the target equals the source row
 * for row. A second execution of the task only streams (the handoff is done) and again converges exactly.
 */
class FullLoadThenCdcIT {

    private static final int ROWS = 200_000;
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final String COLUMNS = "id, status, amount, updated_at, note";

    // the common pool may have a single thread on a small machine: writer and execution need their own
    private static final java.util.concurrent.Executor OWN_THREAD = r -> Thread.ofPlatform().daemon().start(r);

    @TempDir
    Path state;

    @Test
    void postgresHandoffIsExactWithAWriterRunningThroughTheLoad() throws Exception {
        String src = "h5a_src_pg";
        String dst = "h5a_dst_pg";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, "
                + "amount numeric(12,2), updated_at timestamp, note text)");
        PostgresFixture.execute(src, "INSERT INTO orders SELECT g, 'init', g / 100.0, timestamp '2026-01-01' + g * "
                + "interval '1 second', CASE WHEN g % 7 = 0 THEN NULL ELSE 'row ' || g END FROM generate_series(1, "
                + ROWS + ") g");
        ConfigValues source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(src), "s");
        long taskId = 5_100_001;
        try {
            scenario(new PostgresConnector(), "postgresql", source, dst, taskId, Map.of(),
                    () -> PostgresFixture.connect(src), "ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, "
                            + "amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at, note = EXCLUDED.note",
                    "public.orders");
        } finally {
            SourceCapture.of(new io.dtaas.connect.postgres.PostgresConnector()).cleanUp(source, CdcRun.streamId(taskId));
        }
    }

    @Test
    void mariaDbHandoffIsExactWithAWriterRunningThroughTheLoad() throws Exception {
        String src = "h5a_src_maria";
        String dst = "h5a_dst_maria";
        MariaDbFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        MariaDbFixture.execute(src, "CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, "
                + "amount decimal(12,2), updated_at datetime(6), note varchar(100))");
        MariaDbFixture.execute(src, "INSERT INTO orders SELECT seq, 'init', seq / 100.0, TIMESTAMP '2026-01-01 00:00:00' "
                + "+ INTERVAL seq SECOND, CASE WHEN seq % 7 = 0 THEN NULL ELSE CONCAT('row ', seq) END FROM seq_1_to_"
                + ROWS);
        ConfigValues source = ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig(src), "s");
        scenario(new MysqlConnector(), "mysql", source, dst, 5_100_002, Map.of("target_schema", "public"),
                () -> MariaDbFixture.connect(src), "ON DUPLICATE KEY UPDATE status = VALUES(status), amount = "
                        + "VALUES(amount), updated_at = VALUES(updated_at), note = VALUES(note)", src + ".orders");
    }

    /**
     * The PostgreSQL cut itself: chunk readers pinned to the slot's exported snapshot see the table as it was
     * when the slot was created, not a row committed after it (which the slot delivers instead); unpinned
     * readers see it. The end-to-end tests cannot tell the difference, since replaying by key also converges.
     */
    @Test
    void pinnedChunkReadersSeeTheSlotsSnapshot() throws Exception {
        String src = "h5a_src_pin";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL)",
                "INSERT INTO orders SELECT g, 'before' FROM generate_series(1, 1000) g");
        ConfigValues config = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(src), "s");
        String slotName = "h5a_pin_slot";
        io.dtaas.data.TableRef table = new io.dtaas.data.TableRef("public", "orders");
        try (Source source = new PostgresConnector().source(config)) {
            io.dtaas.data.TableSchema schema = source.describe(table);
            // the capability's handoff: the slot's exported snapshot pinned on the reader until it is closed
            try (SnapshotHandoff handoff = SourceCapture.of(new io.dtaas.connect.postgres.PostgresConnector()).beginHandoff(config, slotName,
                    List.of(table), source)) {
                PostgresFixture.execute(src, "INSERT INTO orders VALUES (1001, 'after')",
                        "UPDATE orders SET status = 'after' WHERE id <= 10", "DELETE FROM orders WHERE id = 500");
                assertThat(readAll(source, schema)).hasSize(1000).allMatch(r -> r.endsWith("|before"));
                assertThat(handoff.loaded()).isEmpty(); // the slot keeps the start: no offset to seed
            }
            List<String> now = readAll(source, schema);
            assertThat(now).hasSize(1000).contains("1001|after", "10|after").doesNotContain("500|before");
        } finally {
            SourceCapture.of(new io.dtaas.connect.postgres.PostgresConnector()).cleanUp(config, slotName);
        }
    }

    /** Every row of the table, read in four chunks as a load would. */
    private static List<String> readAll(Source source, io.dtaas.data.TableSchema schema) {
        List<String> rows = new ArrayList<>();
        for (io.dtaas.connect.Chunk chunk : source.plan(schema, 250)) {
            io.dtaas.connect.RowStream stream = source.read(schema, chunk);
            try {
                for (io.dtaas.data.Batch b = stream.next(100); b != null && b.size() > 0; b = stream.next(100)) {
                    b.rows().forEach(r -> rows.add(r[0] + "|" + r[1]));
                }
            } finally {
                stream.close();
            }
        }
        rows.sort(java.util.Comparator.naturalOrder());
        return rows;
    }

    private void scenario(Connector connector, String type, ConfigValues source, String dst, long taskId,
                          Map<String, Object> extra, Callable<Connection> sourceConnection, String upsertTail,
                          String sourceTable) throws Exception {
        Map<String, Object> raw = new HashMap<>(Map.of("tables", List.of("orders"), "chunk_rows", 10_000,
                "max_parallel_chunks", 4, "batch_size", 2000, "write_mode", "append"));
        raw.putAll(extra);
        TransferConfig config = TransferConfig.from(raw);
        ConfigValues destination = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(dst), "d");
        Callable<List<String>> sourceRows = () -> rows(sourceConnection.call(), sourceTable);
        Callable<List<String>> targetRows = () -> rows(PostgresFixture.connect(dst), "public.orders");
        Path stateDir = state.resolve("task-" + taskId);
        Path marker = stateDir.resolve(FileStreamState.HANDOFF_DONE);

        Writer writer = new Writer(sourceConnection, upsertTail);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            handoff(connector, type, source, destination, config, taskId, stateDir, marker, writer, stop, sourceRows,
                    targetRows, sourceConnection, upsertTail);
        } finally {
            stop.set(true);
        }
    }

    private void handoff(Connector connector, String type, ConfigValues source, ConfigValues destination,
                         TransferConfig config, long taskId, Path stateDir, Path marker, Writer writer,
                         AtomicBoolean stop, Callable<List<String>> sourceRows, Callable<List<String>> targetRows,
                         Callable<Connection> sourceConnection, String upsertTail) throws Exception {
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writer.runUntil(stop), OWN_THREAD);
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.changes.get() > 50);
        Execution first = Execution.start(connector, type, source, destination, config, taskId, stateDir);
        try {
            await().atMost(CATCH_UP).until(() -> Files.exists(marker) || first.result.isDone());
        } finally {
            first.stopFlag.set(!Files.exists(marker));
        }
        assertThat(first.result).isNotDone();
        long duringLoad = writer.changes.get();
        // keep writing into streaming for a while
        await().atMost(CATCH_UP).until(() -> writer.changes.get() >= duringLoad + 400);
        stop.set(true);
        writing.get(30, TimeUnit.SECONDS);
        assertThat(duringLoad).as("changes made while the load ran").isGreaterThan(200);
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(targetRows.call()).isEqualTo(sourceRows.call()));
        assertThat(first.stop()).isEqualTo(ExecutionStatus.STOPPED);
        assertThat(first.events).noneMatch(e -> e.status() == ExecutionStatus.COMPLETED
                || e.status() == ExecutionStatus.FAILED);

        // the source changes while nothing follows it; the next execution only streams, from the offsets
        stop.set(false);
        Writer more = new Writer(sourceConnection, upsertTail);
        CompletableFuture<Void> again = CompletableFuture.runAsync(() -> more.runUntil(stop), OWN_THREAD);
        await().atMost(CATCH_UP).until(() -> more.changes.get() >= 200); // changes while nothing follows
        Execution second = Execution.start(connector, type, source, destination, config, taskId, stateDir);
        long beforeSecond = more.changes.get();
        await().atMost(CATCH_UP).until(() -> more.changes.get() >= beforeSecond + 200); // and while it streams
        stop.set(true);
        again.get(30, TimeUnit.SECONDS);
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(targetRows.call()).isEqualTo(sourceRows.call()));
        assertThat(second.stop()).isEqualTo(ExecutionStatus.STOPPED);
        assertThat(second.events.stream().mapToLong(ProgressEvent::processedRows).max().orElse(0))
                .as("the second execution streams changes only").isLessThan(ROWS);
    }

    /** One execution of the task on its own thread, stopped through its RunControl. */
    private record Execution(CompletableFuture<ExecutionStatus> result, AtomicBoolean stopFlag,
                             List<ProgressEvent> events) {

        static Execution start(Connector connector, String type, ConfigValues source, ConfigValues destination,
                               TransferConfig config, long taskId, Path stateDir) {
            AtomicBoolean stopFlag = new AtomicBoolean();
            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            RunControl control = new RunControl() {
                @Override
                public boolean stopRequested() {
                    return stopFlag.get();
                }

                @Override
                public boolean pauseRequested() {
                    return false;
                }
            };
            CompletableFuture<ExecutionStatus> result = CompletableFuture.supplyAsync(() -> {
                try (Source s = connector.source(source); Destination d = new PostgresConnector().destination(destination)) {
                    FullLoad.TaskContext task = new FullLoad.TaskContext(taskId, "handoff");
                    ProgressTracker tracker = new ProgressTracker(1, taskId, events::add, Duration.ofMillis(250));
                    return new FullLoadThenCdc(s, d, connector, source, config, task, new FileStreamState(stateDir), control, 1, events::add,
                            tracker).run();
                }
            }, OWN_THREAD);
            return new Execution(result, stopFlag, events);
        }

        ExecutionStatus stop() throws Exception {
            stopFlag.set(true);
            ExecutionStatus status = result.get(60, TimeUnit.SECONDS);
            if (status != ExecutionStatus.STOPPED) {
                throw new AssertionError("ended " + status + ": " + events.getLast().error());
            }
            return status;
        }
    }

    /** Random inserts, updates and deletes over all keys (and new ones past the end), some several to a transaction. */
    private static final class Writer {

        private final Callable<Connection> connect;
        private final String upsertTail;
        private final Random random = new Random();
        final AtomicLong changes = new AtomicLong();

        Writer(Callable<Connection> connect, String upsertTail) {
            this.connect = connect;
            this.upsertTail = upsertTail;
        }

        private String upsertSql(long id, String status) {
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            String note = random.nextInt(5) == 0 ? "NULL" : "'n" + random.nextInt(1000) + " ''quoted'' é'";
            return "INSERT INTO orders (" + COLUMNS + ") VALUES (" + id + ", '" + status + "', " + amount + ", '"
                    + java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(random.nextInt(1_000_000) * 1000L) + "', "
                    + note + ") " + upsertTail;
        }

        void runUntil(AtomicBoolean stop) {
            try (Connection c = connect.call(); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    c.setAutoCommit(random.nextBoolean());
                    int statements = c.getAutoCommit() ? 1 : 1 + random.nextInt(5);
                    for (int i = 0; i < statements; i++) {
                        long id = 1 + random.nextInt(ROWS + ROWS / 20);
                        switch (random.nextInt(4)) {
                            case 0, 1 -> st.execute(upsertSql(id, "s" + random.nextInt(9)));
                            case 2 -> st.execute("UPDATE orders SET amount = amount + 1, status = 'upd' WHERE id = " + id);
                            default -> st.execute("DELETE FROM orders WHERE id = " + id);
                        }
                    }
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                    changes.addAndGet(statements);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The table's rows as text, one per row, by id: what "equal" means across databases of two kinds. */
    private static List<String> rows(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + table + " ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.append(i > 1 ? "|" : "").append(v instanceof BigDecimal d ? d.toPlainString()
                            : v instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString()
                            : v instanceof java.time.LocalDateTime t ? t.toString() : v);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
