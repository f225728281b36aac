package io.dtaas.cdc;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.engine.RunControl;
import io.dtaas.engine.TableCommand;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, against real servers with a writer changing rows of every table throughout: a table added to a running
 * {@code full_load_then_cdc} stream is copied online (an incremental snapshot) and streams from then on; one table
 * is resynced, one paused and resumed, one forced into {@code failed} by a target CHECK constraint and brought back;
 * a stream stopped in the middle of a copy resumes it from its offsets. Each time every table ends equal to its
 * source row for row, and the tables not involved kept streaming (their changes kept arriving) meanwhile.
 */
class TableLifecycleIT {

    private static final int ROWS = 4_000;
    private static final int ADDED_ROWS = 50_000;
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final java.util.concurrent.Executor OWN_THREAD = r -> Thread.ofPlatform().daemon().start(r);

    @TempDir
    Path state;

    @Test
    void postgresTablesAreAddedResyncedPausedAndQuarantinedOnline() throws Exception {
        String src = "h16_src_pg";
        String dst = "h16_dst_pg";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        for (String t : List.of("a", "b", "c")) {
            int rows = t.equals("c") ? ADDED_ROWS : ROWS;
            PostgresFixture.execute(src, "CREATE TABLE " + t + " (id bigint PRIMARY KEY, status text NOT NULL, "
                    + "amount numeric(12,2), note text)", "INSERT INTO " + t + " SELECT g, 'init', g / 100.0, 'row ' || g "
                    + "FROM generate_series(1, " + rows + ") g");
        }
        ConfigValues source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(src), "s");
        long taskId = 16_100_001;
        try {
            scenario(new PostgresConnector(), source, dst, taskId, Map.of(), () -> PostgresFixture.connect(src),
                    t -> "public." + t, "ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, amount = "
                            + "EXCLUDED.amount, note = EXCLUDED.note");
        } finally {
            SourceCapture.of(new PostgresConnector()).cleanUp(source, CdcRun.streamId(taskId));
        }
    }

    @Test
    void mariaDbTablesAreAddedResyncedPausedAndQuarantinedOnline() throws Exception {
        String src = "h16_src_maria";
        String dst = "h16_dst_maria";
        MariaDbFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        for (String t : List.of("a", "b", "c")) {
            int rows = t.equals("c") ? ADDED_ROWS : ROWS;
            MariaDbFixture.execute(src, "CREATE TABLE " + t + " (id bigint PRIMARY KEY, status varchar(20) NOT NULL, "
                    + "amount decimal(12,2), note varchar(100))", "INSERT INTO " + t + " SELECT seq, 'init', seq / 100.0, "
                    + "CONCAT('row ', seq) FROM seq_1_to_" + rows);
        }
        ConfigValues source = ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig(src), "s");
        scenario(new MysqlConnector(), source, dst, 16_100_002, Map.of("target_schema", "public"),
                () -> MariaDbFixture.connect(src), t -> src + "." + t, "ON DUPLICATE KEY UPDATE status = "
                        + "VALUES(status), amount = VALUES(amount), note = VALUES(note)");
    }

    /**
     * Item 6: an UPDATE that does not touch a TOASTed text or jsonb column (no {@code REPLICA IDENTITY FULL}) carries
     * Debezium's placeholder for it; the target keeps its value, also when the row was inserted in the same batch.
     */
    @Test
    void unchangedLargeValuesKeepTheirTargetValue() throws Exception {
        String src = "h16_src_toast";
        String dst = "h16_dst_toast";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE docs (id int PRIMARY KEY, n int, big text, doc jsonb)");
        ConfigValues source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(src), "s");
        ConfigValues destination = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(dst), "d");
        long taskId = 16_100_003;
        String large = "(SELECT string_agg(md5(random()::text || g), '') FROM generate_series(1, 300) g)";
        String columns = "SELECT id, n, md5(big), md5(doc::text) FROM docs ORDER BY id";
        Path stateDir = state.resolve("task-" + taskId);
        TransferConfig config = TransferConfig.from(Map.of("tables", List.of("docs"), "batch_size", 500));
        AtomicBoolean stopFlag = new AtomicBoolean();
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
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        try (Source s = new PostgresConnector().source(source);
             Destination d = new PostgresConnector().destination(destination)) {
            CompletableFuture<ExecutionStatus> run = CompletableFuture.supplyAsync(() -> new CdcRun(s, d,
                    new PostgresConnector(), source, config, new FullLoad.TaskContext(taskId, "toast"),
                    new FileStreamState(stateDir), control, new ProgressTracker(1, taskId, events::add,
                    Duration.ofMillis(100))).run(), OWN_THREAD);
            await().atMost(WAIT).until(() -> Files.exists(stateDir.resolve(FileStreamState.TABLE_PHASES))
                    || run.isDone());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (run.isDone()) {
                    throw new AssertionError("the stream ended " + run.get() + ": " + events.getLast().error());
                }
                PostgresFixture.execute(src, "INSERT INTO docs VALUES (0, 0, 'x', '{}') ON CONFLICT (id) DO UPDATE SET n = docs.n + 1");
                return !query(dst, "SELECT id FROM docs WHERE id = 0").isEmpty();
            });
            PostgresFixture.execute(src, "INSERT INTO docs SELECT g, g, " + large + ", jsonb_build_object('k', " + large
                    + ") FROM generate_series(1, 20) g");
            await().atMost(WAIT).untilAsserted(() -> assertThat(query(dst, columns)).isEqualTo(query(src, columns)));
            // updates that leave the large columns alone, alone and after an insert in the same transaction
            PostgresFixture.execute(src, "UPDATE docs SET n = n + 100 WHERE id <= 10");
            try (Connection c = PostgresFixture.connect(src); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("INSERT INTO docs SELECT g, g, " + large + ", jsonb_build_object('k', " + large
                        + ") FROM generate_series(21, 25) g");
                st.execute("UPDATE docs SET n = n + 1000 WHERE id BETWEEN 21 AND 25");
                st.execute("UPDATE docs SET n = n + 1000, big = 'small now' WHERE id = 11");
                c.commit();
            }
            assertThat(query(src, "SELECT count(*) FROM docs WHERE length(big) > 5000")).containsExactly("24");
            await().atMost(WAIT).untilAsserted(() -> assertThat(query(dst, columns)).isEqualTo(query(src, columns)));
            stopFlag.set(true);
            assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(ExecutionStatus.STOPPED);
        } finally {
            SourceCapture.of(new PostgresConnector()).cleanUp(source, CdcRun.streamId(taskId));
        }
    }

    private static List<String> query(String db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private void scenario(Connector connector, ConfigValues source, String dst, long taskId, Map<String, Object> extra,
                          Callable<Connection> sourceConnection, Function<String, String> qualified, String upsertTail)
            throws Exception {
        Map<String, Object> raw = new HashMap<>(Map.of("tables", List.of("a", "b"), "chunk_rows", 2_000,
                "batch_size", 500, "write_mode", "append"));
        raw.putAll(extra);
        TransferConfig two = TransferConfig.from(raw);
        raw.put("tables", List.of("a", "b", "c"));
        TransferConfig three = TransferConfig.from(raw);
        ConfigValues destination = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(dst), "d");
        Path stateDir = state.resolve("task-" + taskId);
        Writer writer = new Writer(sourceConnection, upsertTail);
        AtomicBoolean stopWriting = new AtomicBoolean();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writer.runUntil(stopWriting), OWN_THREAD);
        String a = qualified.apply("a");
        String b = qualified.apply("b");
        String c = qualified.apply("c");
        List<Execution> started = new ArrayList<>();
        try {
            Execution first = Execution.start(connector, source, destination, two, taskId, stateDir);
            started.add(first);
            await().atMost(WAIT).until(() -> Files.exists(stateDir.resolve(FileStreamState.HANDOFF_DONE))
                    || first.result.isDone());
            assertThat(first.result).isNotDone();
            await().atMost(WAIT).until(() -> "streaming".equals(first.state(a)) && "streaming".equals(first.state(b)));

            // 1. add c while a and b stream: c is copied online, a's changes keep arriving meanwhile
            first.commands.add(new TableCommand.Reconfigure(three));
            await().atMost(WAIT).until(() -> first.phase(c) == TablePhases.Phase.BACKFILLING);
            long aBefore = first.rows(a);
            await().atMost(WAIT).until(() -> first.copiedAndStreaming(c));
            assertThat(first.rows(a)).as("a streamed while c was copied").isGreaterThan(aBefore);
            // its progress showed the copy against the source's estimate, below 100 % until done, then 100 %
            List<TableProgress> copying = first.shown(c).stream().filter(p -> "backfilling".equals(p.state())
                    && p.copied() != null && p.copied() > 0).toList();
            assertThat(copying).as("progress during c's copy").isNotEmpty().allSatisfy(p -> {
                assertThat(p.copyEstimate()).as("the estimate").isBetween(ADDED_ROWS / 2L, ADDED_ROWS * 2L);
                assertThat(p.copyPercent()).isBetween(0, 99)
                        .isEqualTo((int) Math.min(99, p.copied() * 100 / p.copyEstimate()));
                assertThat(p.lagSeconds()).as("a copied table has the stream's lag").isNotNull();
            });
            await().atMost(WAIT).until(() -> first.shown(c).getLast().copyPercent() != null
                    && first.shown(c).getLast().copyPercent() == 100);
            settle(writer, sourceConnection, dst, List.of("a", "b", "c"));

            // 2. resync b alone, a streams on
            long aDuring = first.rows(a);
            first.commands.add(new TableCommand.Resync(List.of("b")));
            await().atMost(WAIT).until(() -> first.copiedAndStreaming(b));
            assertThat(first.rows(a)).as("a streamed while b was resynced").isGreaterThan(aDuring);

            // 3. pause a (its changes are dropped meanwhile, nothing held), resume it: it is copied again
            first.commands.add(new TableCommand.Pause(List.of("a")));
            await().atMost(WAIT).until(() -> first.phase(a) == TablePhases.Phase.PAUSED);
            long changesWhilePaused = writer.changes.get();
            await().atMost(WAIT).until(() -> writer.changes.get() > changesWhilePaused + 300);
            // a paused table's lag is the time since it stopped being applied: it grows while the others stream
            await().atMost(WAIT).until(() -> "paused".equals(first.shown(a).getLast().state()));
            double pausedLag = first.shown(a).getLast().lagSeconds();
            await().atMost(WAIT).until(() -> first.shown(a).getLast().lagSeconds() > pausedLag + 1);
            assertThat(first.shown(a).getLast().copyPercent()).as("paused: no copy").isNull();
            assertThat(first.shown(b).getLast().lagSeconds()).as("b streams: the stream's lag").isNotNull();
            first.commands.add(new TableCommand.Resume(List.of("a")));
            await().atMost(WAIT).until(() -> first.copiedAndStreaming(a));
            settle(writer, sourceConnection, dst, List.of("a", "b", "c"));

            // 4. the destination refuses a change of c: c fails with the key, a and b go on; fixed and resumed
            PostgresFixture.execute(dst, "ALTER TABLE public.c ADD CONSTRAINT no_poison CHECK (status <> 'poison')");
            try (Connection s = sourceConnection.call(); Statement st = s.createStatement()) {
                st.execute("UPDATE c SET status = 'poison' WHERE id = 7");
            }
            await().atMost(WAIT).until(() -> first.phase(c) == TablePhases.Phase.FAILED);
            TablePhases.TableState failed = TablePhases.load(new FileStreamState(stateDir)).get(c).orElseThrow();
            assertThat(failed.key()).isEqualTo("{id=7}");
            assertThat(failed.error()).contains("no_poison");
            await().atMost(WAIT).until(() -> "failed".equals(first.state(c)));
            long bAfterFailure = first.rows(b);
            await().atMost(WAIT).until(() -> first.rows(b) > bAfterFailure);
            assertThat(first.result).isNotDone();
            PostgresFixture.execute(dst, "ALTER TABLE public.c DROP CONSTRAINT no_poison");
            first.commands.add(new TableCommand.Resume(List.of("c")));
            await().atMost(WAIT).until(() -> first.copiedAndStreaming(c));
            settle(writer, sourceConnection, dst, List.of("a", "b", "c"));

            // 5. a copy cut off half way (the execution stops mid-copy) resumes at its chunk in the next execution
            first.commands.add(new TableCommand.Resync(List.of("c")));
            await().atMost(WAIT).until(() -> first.phase(c) == TablePhases.Phase.RESYNCING
                    && first.copied(c) >= 15_000);
            assertThat(first.stop()).isEqualTo(ExecutionStatus.STOPPED);
            TablePhases.TableState cut = TablePhases.load(new FileStreamState(stateDir)).get(c).orElseThrow();
            assertThat(cut.phase()).as("stopped during the copy").isEqualTo(TablePhases.Phase.RESYNCING);
            Execution second = Execution.start(connector, source, destination, three, taskId, stateDir);
            started.add(second);
            await().atMost(WAIT).until(() -> second.phase(c) == TablePhases.Phase.STREAMING);
            long readBySecond = second.copied(c) - cut.copied();
            assertThat(readBySecond).as("the copy went on from its chunk, not from the start")
                    .isLessThan(ADDED_ROWS - 6_000);
            stopWriting.set(true);
            writing.get(30, TimeUnit.SECONDS);
            assertEqual(sourceConnection, dst, List.of("a", "b", "c"));
            assertThat(second.stop()).isEqualTo(ExecutionStatus.STOPPED);
        } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
            // say where every table was: the saved phases and the last progress
            throw new AssertionError(e.getMessage() + "\nsaved: " + new FileStreamState(stateDir).tablePhases()
                    + "\nlast progress: " + (started.isEmpty() || started.getLast().events().isEmpty() ? "none"
                    : started.getLast().events().getLast()), e);
        } finally {
            stopWriting.set(true);
            for (Execution e : started) { // a failed assertion must not leave a stream running into the next test
                e.stopFlag.set(true);
                try {
                    e.result.get(60, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // the assertion's failure is what the report shows
                }
            }
        }
    }

    /** Holds the writer until the stream caught up and every table equals its source, then lets it go on. */
    private static void settle(Writer writer, Callable<Connection> sourceConnection, String dst, List<String> tables)
            throws Exception {
        writer.hold.set(true);
        try {
            await().atMost(Duration.ofSeconds(10)).until(writer.idle::get);
            assertEqual(sourceConnection, dst, tables);
        } finally {
            writer.release();
        }
    }

    private static void assertEqual(Callable<Connection> sourceConnection, String dst, List<String> tables)
            throws Exception {
        for (String t : tables) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(rows(PostgresFixture.connect(dst), "public." + t)).as("table " + t)
                            .isEqualTo(rows(sourceConnection.call(), t)));
        }
    }

    /** One execution on its own thread, with per-table commands and a stop flag. */
    private record Execution(CompletableFuture<ExecutionStatus> result, AtomicBoolean stopFlag,
                             List<ProgressEvent> events, ConcurrentLinkedQueue<TableCommand> commands, Path stateDir) {

        /** The table's saved phase; an execution that ended fails the test with its error. */
        TablePhases.Phase phase(String table) {
            return saved(table).map(TablePhases.TableState::phase).orElse(null);
        }

        long copied(String table) {
            return saved(table).map(TablePhases.TableState::copied).orElse(0L);
        }

        /** The table's progress in every event published so far, in order. */
        List<TableProgress> shown(String table) {
            return events.stream().flatMap(e -> e.tables().stream()).filter(p -> p.table().equals(table)).toList();
        }

        /** A copy of the table finished: it streams and the copy read rows. */
        boolean copiedAndStreaming(String table) {
            return phase(table) == TablePhases.Phase.STREAMING && copied(table) > 0;
        }

        private java.util.Optional<TablePhases.TableState> saved(String table) {
            if (result.isDone() && !stopFlag.get()) {
                throw new AssertionError("the execution ended: " + (events.isEmpty() ? "?" : events.getLast().status()
                        + " " + events.getLast().error()));
            }
            return TablePhases.load(new FileStreamState(stateDir)).get(table);
        }

        static Execution start(Connector connector, ConfigValues source, ConfigValues destination, TransferConfig config,
                               long taskId, Path stateDir) {
            AtomicBoolean stopFlag = new AtomicBoolean();
            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            ConcurrentLinkedQueue<TableCommand> commands = new ConcurrentLinkedQueue<>();
            RunControl control = new RunControl() {
                @Override
                public boolean stopRequested() {
                    return stopFlag.get();
                }

                @Override
                public boolean pauseRequested() {
                    return false;
                }

                @Override
                public List<TableCommand> takeTableCommands() {
                    List<TableCommand> taken = new ArrayList<>();
                    for (TableCommand c = commands.poll(); c != null; c = commands.poll()) {
                        taken.add(c);
                    }
                    return taken;
                }
            };
            CompletableFuture<ExecutionStatus> result = CompletableFuture.supplyAsync(() -> {
                try (Source s = connector.source(source); Destination d = new PostgresConnector().destination(destination)) {
                    FullLoad.TaskContext task = new FullLoad.TaskContext(taskId, "lifecycle");
                    ProgressTracker tracker = new ProgressTracker(1, taskId, events::add, Duration.ofMillis(100));
                    return new FullLoadThenCdc(s, d, connector, source, config, task, new FileStreamState(stateDir),
                            control, 1, events::add, tracker).run();
                }
            }, OWN_THREAD);
            return new Execution(result, stopFlag, events, commands, stateDir);
        }

        TableProgress table(String name) {
            if (events.isEmpty()) {
                return null;
            }
            if (result.isDone() && events.getLast().status() == ExecutionStatus.FAILED) {
                throw new AssertionError("the execution failed: " + events.getLast().error());
            }
            return events.getLast().tables().stream().filter(t -> t.table().equals(name)).findFirst().orElse(null);
        }

        String state(String name) {
            TableProgress t = table(name);
            return t == null ? null : t.state();
        }

        long rows(String name) {
            TableProgress t = table(name);
            return t == null ? 0 : t.rows();
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

    /** Random inserts, updates and deletes over the keys of a, b and c (and new keys past their ends). */
    private static final class Writer {

        private final Callable<Connection> connect;
        private final String upsertTail;
        private final Random random = new Random();
        final AtomicLong changes = new AtomicLong();
        final AtomicBoolean hold = new AtomicBoolean();
        final AtomicBoolean idle = new AtomicBoolean();

        Writer(Callable<Connection> connect, String upsertTail) {
            this.connect = connect;
            this.upsertTail = upsertTail;
        }

        void release() {
            synchronized (hold) {
                hold.set(false);
                hold.notifyAll();
            }
        }

        void runUntil(AtomicBoolean stop) {
            try (Connection c = connect.call(); Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                while (!stop.get()) {
                    synchronized (hold) {
                        while (hold.get()) { // parked until settle() lets the writer go on
                            idle.set(true);
                            hold.wait();
                        }
                    }
                    idle.set(false);
                    String table = List.of("a", "b", "c").get(random.nextInt(3));
                    long keys = table.equals("c") ? ADDED_ROWS : ROWS;
                    long id = 8 + random.nextInt((int) (keys + keys / 20));
                    BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
                    switch (random.nextInt(4)) {
                        case 0, 1 -> st.execute("INSERT INTO " + table + " (id, status, amount, note) VALUES (" + id
                                + ", 's" + random.nextInt(9) + "', " + amount + ", 'n" + random.nextInt(99) + "') "
                                + upsertTail);
                        case 2 -> st.execute("UPDATE " + table + " SET amount = amount + 1, status = 'upd' WHERE id = " + id);
                        default -> st.execute("DELETE FROM " + table + " WHERE id = " + id);
                    }
                    changes.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> rows(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, status, amount, note FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3).toPlainString() + "|"
                        + rs.getString(4));
            }
        }
        return rows;
    }
}
