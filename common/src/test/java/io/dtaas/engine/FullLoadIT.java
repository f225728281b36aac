package io.dtaas.engine;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.data.TableRef;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TransferConfig;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Full loads between real databases, compared value by value with the source afterwards. */
class FullLoadIT {

    private static final String PG_SRC = "dtaas_it_fl_pg_src";
    private static final String MY_SRC = "dtaas_it_fl_my_src";
    private static final List<String> TABLES = List.of("typed", "Order Details", "no_pk", "empty_table");

    @BeforeAll
    static void data() throws Exception {
        EdgeCaseData.createPostgres(PG_SRC);
        EdgeCaseData.createMariaDb(MY_SRC);
    }

    static ConfigValues values(Connector c, Map<String, Object> raw) {
        return ConfigValidator.validate(c.type(), raw, "connection_config");
    }

    record Run(ExecutionStatus status, List<ProgressEvent> events) {
        ProgressEvent last() {
            return events.get(events.size() - 1);
        }
    }

    static Run load(Connector from, Map<String, Object> fromCfg, Connector to, Map<String, Object> toCfg,
                    Map<String, Object> config, CheckpointStore checkpoints, RunControl control) {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        try (Source source = from.source(values(from, fromCfg)); Destination dest = to.destination(values(to, toCfg))) {
            ProgressTracker tracker = new ProgressTracker(1, 42, events::add, Duration.ofMillis(50));
            ExecutionStatus status = new FullLoad(source, dest, TransferConfig.from(config),
                    new FullLoad.TaskContext(42, "it"), checkpoints, control, tracker).run();
            return new Run(status, events);
        }
    }

    /** Checkpoints in memory that tell {@code onCheckpoint} of each chunk committed (tests pause or stop on them). */
    static CheckpointStore counting(Runnable onCheckpoint) {
        InMemoryCheckpointStore memory = new InMemoryCheckpointStore();
        return new CheckpointStore() {
            @Override
            public java.util.Set<Integer> completedChunks(long taskId, String table, String fingerprint) {
                return memory.completedChunks(taskId, table, fingerprint);
            }

            @Override
            public void markCompleted(long taskId, String table, String fingerprint, int chunk, long rows) {
                memory.markCompleted(taskId, table, fingerprint, chunk, rows);
                onCheckpoint.run();
            }

            @Override
            public long rowsDone(long taskId, String table, String fingerprint) {
                return memory.rowsDone(taskId, table, fingerprint);
            }

            @Override
            public void clear(long taskId) {
                memory.clear(taskId);
            }
        };
    }

    /** Issue 14.2: rows reported by a run never go backwards, through its pause or stop too. */
    static void neverBackwards(Run run) {
        List<Long> rows = run.events().stream().map(ProgressEvent::processedRows).toList();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i)).as("rows in event %d of %s", i, rows).isGreaterThanOrEqualTo(rows.get(i - 1));
        }
    }

    private static Map<String, Object> config(Object... extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("tables", TABLES);
        m.put("batch_size", 700);
        m.put("chunk_rows", 1000);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    @Test
    void postgresToPostgresIsExactRowByRow() throws Exception {
        String target = "dtaas_it_fl_pg2pg";
        PostgresFixture.freshDatabase(target);
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), config(), new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        for (String table : List.of("public.typed", "public.\"Order Details\"", "public.no_pk", "public.empty_table")) {
            assertThat(TableContents.postgresRowChecksums(target, table)).as(table)
                    .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, table));
        }
        assertThat(TableContents.postgresRowChecksums(target, "public.typed")).hasSize(3006);
        assertThat(run.last().processedRows()).isEqualTo(3006 + 300 + 4);
        assertThat(run.last().tables()).allSatisfy(t -> assertThat(t.state()).isEqualTo("completed"));
    }

    @Test
    void mariaDbToPostgresKeepsEveryValue() throws Exception {
        String target = "dtaas_it_fl_my2pg";
        PostgresFixture.freshDatabase(target);
        Run run = load(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), config("target_schema", "copied"), new InMemoryCheckpointStore(),
                RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        // issue 14.2: a MariaDB target reports the bytes it was sent, per table, not 0
        assertThat(run.last().tables()).filteredOn(t -> t.rows() > 0).isNotEmpty()
                .allSatisfy(t -> assertThat(t.bytes()).as(t.table() + " bytes").isPositive());
        assertSame(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), MY_SRC,
                new PostgresConnector(), PostgresFixture.connectionConfig(target), "copied");
    }

    @Test
    void mariaDbToMariaDbAndPostgresToMariaDb() throws Exception {
        String target = "dtaas_it_fl_2my";
        MariaDbFixture.freshDatabase(target);
        Run run = load(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), new MysqlConnector(),
                MariaDbFixture.connectionConfig(target), config("target_schema", target), new InMemoryCheckpointStore(),
                RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        // issue 14.2: a MariaDB target reports the bytes it was sent, per table, not 0
        assertThat(run.last().tables()).filteredOn(t -> t.rows() > 0).isNotEmpty()
                .allSatisfy(t -> assertThat(t.bytes()).as(t.table() + " bytes").isPositive());
        assertSame(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), MY_SRC,
                new MysqlConnector(), MariaDbFixture.connectionConfig(target), target);

        PostgresFixture.execute(PG_SRC, "CREATE TABLE IF NOT EXISTS portable AS SELECT id, b, i2, i4, i8, n, vc, t, bin,"
                + " tm, ts, tstz, u, jb FROM typed WHERE id NOT IN (2, 3)",
                "ALTER TABLE portable ADD PRIMARY KEY (id)");
        Run pgRun = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new MysqlConnector(),
                MariaDbFixture.connectionConfig(target), Map.of("tables", List.of("portable"), "target_schema", target),
                new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(pgRun.status()).as(String.valueOf(pgRun.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        try (Source pg = new PostgresConnector().source(values(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC)));
             Source my = new MysqlConnector().source(values(new MysqlConnector(), MariaDbFixture.connectionConfig(target)))) {
            assertThat(TableContents.normalisedRows(my, new TableRef(target, "portable")))
                    .isEqualTo(TableContents.normalisedRows(pg, new TableRef("public", "portable")));
        }
    }

    /** Issue 14.1: no target schema → the destination's own database/schema; no database is invented. */
    @Test
    void withoutATargetSchemaTablesLandInTheDestinationsOwnNamespace() throws Exception {
        String target = "dtaas_it_fl_default_ns";
        MariaDbFixture.freshDatabase(target);
        MariaDbFixture.execute("", "DROP DATABASE IF EXISTS `public`");
        String src = "dtaas_it_fl_default_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE IF NOT EXISTS landing (id int PRIMARY KEY, v text)",
                "TRUNCATE landing", "INSERT INTO landing SELECT g, 'v' || g FROM generate_series(1, 500) g",
                "CREATE SCHEMA IF NOT EXISTS sales", "CREATE TABLE IF NOT EXISTS sales.invoices (id int PRIMARY KEY)",
                "TRUNCATE sales.invoices", "INSERT INTO sales.invoices SELECT generate_series(1, 7)");
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(src), new MysqlConnector(),
                MariaDbFixture.connectionConfig(target), Map.of("tables", List.of("landing")), new InMemoryCheckpointStore(),
                RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(count(MariaDbFixture.connect(target), "SELECT count(*) FROM landing")).isEqualTo(500);
        assertThat(count(MariaDbFixture.connect(""),
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'public'")).isZero();

        String pgTarget = "dtaas_it_fl_default_pg";
        PostgresFixture.freshDatabase(pgTarget);
        Run pg = load(new PostgresConnector(), PostgresFixture.connectionConfig(src), new PostgresConnector(),
                PostgresFixture.connectionConfig(pgTarget), Map.of("tables", List.of("landing", "sales.invoices")),
                new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(pg.status()).as(String.valueOf(pg.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(count(PostgresFixture.connect(pgTarget), "SELECT count(*) FROM public.landing")).isEqualTo(500);
        assertThat(count(PostgresFixture.connect(pgTarget), "SELECT count(*) FROM sales.invoices")).isEqualTo(7);
    }

    private static long count(java.sql.Connection c, String sql) throws Exception {
        try (c; java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void specialFloatsIntoMariaDbFailNamingTableAndColumn() throws Exception {
        String target = "dtaas_it_fl_nan";
        MariaDbFixture.freshDatabase(target);
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new MysqlConnector(),
                MariaDbFixture.connectionConfig(target), Map.of("tables", List.of("typed"), "target_schema", target),
                new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.last().error()).contains("task it", "table public.typed", "chunk", "column f4", "NaN");
    }

    @Test
    void pausedMidTableThenResumedIsExactAndSkipsDoneChunks() throws Exception {
        String target = "dtaas_it_fl_resume";
        PostgresFixture.freshDatabase(target);
        AtomicLong committed = new AtomicLong();
        CheckpointStore checkpoints = counting(committed::incrementAndGet);
        RunControl pauseAfterSomeRows = new RunControl() {
            @Override
            public boolean stopRequested() {
                return false;
            }

            @Override
            public boolean pauseRequested() {
                return committed.get() >= 2;
            }
        };
        Map<String, Object> cfg = config("max_parallel_chunks", 1, "parallel", false, "batch_size", 400);
        Run first = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), cfg, checkpoints, pauseAfterSomeRows);
        assertThat(first.status()).isEqualTo(ExecutionStatus.PAUSED);
        neverBackwards(first);
        assertThat(checkpoints.completedChunks(42, "public.typed", "x")).isEmpty(); // keys are per plan
        assertThat(committed.get()).isBetween(2L, 3L);

        Run second = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), cfg, checkpoints, RunControl.NONE);
        assertThat(second.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(second.last().processedRows()).isLessThan(3006 + 300 + 4);
        for (String table : List.of("public.typed", "public.\"Order Details\"", "public.no_pk")) {
            assertThat(TableContents.postgresRowChecksums(target, table)).as(table)
                    .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, table));
        }
    }

    /**
     * Issue 14.2: a pause in the middle of a chunk written batch by batch (PostgreSQL to MariaDB) keeps the rows it
     * wrote counted and in the target; the figures never go backwards, and the resumed run ends exact.
     */
    @Test
    void aPauseMidChunkNeverTakesRowsBack() throws Exception {
        String target = "dtaas_it_fl_pause_my";
        MariaDbFixture.freshDatabase(target);
        PostgresFixture.execute(PG_SRC, "DROP TABLE IF EXISTS portable_pause", "CREATE TABLE portable_pause AS SELECT id,"
                + " b, i2, i4, i8, n, vc, t, bin, tm, ts, tstz, u, jb FROM typed WHERE id NOT IN (2, 3)",
                "ALTER TABLE portable_pause ADD PRIMARY KEY (id)");
        AtomicLong batchesAfterPause = new AtomicLong(-1);
        RunControl pauseInChunkTwo = new RunControl() {
            @Override
            public boolean stopRequested() {
                return false;
            }

            @Override
            public boolean pauseRequested() {
                return batchesAfterPause.get() >= 0 && batchesAfterPause.incrementAndGet() > 3;
            }
        };
        // from the first checkpoint on, count batches, then pause
        CheckpointStore store = counting(() -> batchesAfterPause.compareAndSet(-1, 0));
        Map<String, Object> cfg = Map.of("tables", List.of("portable_pause"), "target_schema", target, "batch_size", 100,
                "chunk_rows", 1000, "parallel", false, "max_parallel_chunks", 1);
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        ExecutionStatus status;
        try (Source source = new PostgresConnector().source(values(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC)));
             Destination dest = new MysqlConnector().destination(values(new MysqlConnector(), MariaDbFixture.connectionConfig(target)))) {
            ProgressTracker tracker = new ProgressTracker(1, 42, events::add, Duration.ZERO);
            status = new FullLoad(source, dest, TransferConfig.from(cfg), new FullLoad.TaskContext(42, "it"), store,
                    pauseInChunkTwo, tracker).run();
        }
        assertThat(status).isEqualTo(ExecutionStatus.PAUSED);
        Run paused = new Run(status, events);
        neverBackwards(paused);
        try (var c = MariaDbFixture.connect(target); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM portable_pause")) {
            rs.next();
            assertThat(paused.last().processedRows()).as("the rows counted are the rows in the target")
                    .isEqualTo(rs.getLong(1));
        }
        assertThat(paused.last().tables().getFirst().chunksDone()).as("the paused chunk is not checkpointed").isEqualTo(1);

        Run resumed = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new MysqlConnector(),
                MariaDbFixture.connectionConfig(target), cfg, store, RunControl.NONE);
        assertThat(resumed.status()).isEqualTo(ExecutionStatus.COMPLETED);
        try (Source pg = new PostgresConnector().source(values(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC)));
             Source my = new MysqlConnector().source(values(new MysqlConnector(), MariaDbFixture.connectionConfig(target)))) {
            assertThat(TableContents.normalisedRows(my, new TableRef(target, "portable_pause")))
                    .isEqualTo(TableContents.normalisedRows(pg, new TableRef("public", "portable_pause")));
        }

        // run again on the same checkpoints: the table an earlier execution finished is skipped, with its rows
        Run again = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new MysqlConnector(),
                MariaDbFixture.connectionConfig(target), cfg, store, RunControl.NONE);
        assertThat(again.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(again.last().tables()).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo("skipped");
            assertThat(t.rows()).isEqualTo(TableContents.postgresRowChecksums(PG_SRC, "public.portable_pause").size());
        });
        assertThat(again.last().processedRows()).as("this execution moved nothing").isZero();
    }

    /** Issue 14.5: a stopped overwrite leaves the target as it was and no {@code __dtaas_new} staging table. */
    @Test
    void aStoppedOverwriteDropsItsStagingTablesAndKeepsTheTarget() throws Exception {
        String target = "dtaas_it_fl_stop";
        PostgresFixture.freshDatabase(target);
        PostgresFixture.execute(target, "CREATE TABLE public.typed (id int PRIMARY KEY, stale text)",
                "INSERT INTO public.typed VALUES (999999, 'old row')");
        AtomicLong committed = new AtomicLong();
        CheckpointStore store = counting(committed::incrementAndGet);
        RunControl stopAfterAChunk = new RunControl() {
            @Override
            public boolean stopRequested() {
                return committed.get() >= 1;
            }

            @Override
            public boolean pauseRequested() {
                return false;
            }
        };
        Map<String, Object> cfg = config("write_mode", "overwrite", "max_parallel_chunks", 1, "parallel", false);
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), cfg, store, stopAfterAChunk);
        assertThat(run.status()).isEqualTo(ExecutionStatus.STOPPED);
        neverBackwards(run);
        try (var c = PostgresFixture.connect(target); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_dtaas\\_new'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("staging tables left").isZero();
        }
        assertThat(TableContents.postgresRowChecksums(target, "public.typed")).hasSize(1); // the old row, untouched
    }

    @Test
    void overwriteReplacesAndAppendRerunsNeverDouble() throws Exception {
        String target = "dtaas_it_fl_modes";
        PostgresFixture.freshDatabase(target);
        PostgresFixture.execute(target, "CREATE TABLE public.typed (id int PRIMARY KEY, stale text)",
                "INSERT INTO public.typed VALUES (999999, 'old row')");
        Map<String, Object> overwrite = config("write_mode", "overwrite");
        overwrite.put("tables", List.of("typed"));
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), overwrite, new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(TableContents.postgresRowChecksums(target, "public.typed"))
                .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, "public.typed"));

        for (int i = 0; i < 2; i++) {
            Run again = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                    PostgresFixture.connectionConfig(target), config(), new InMemoryCheckpointStore(), RunControl.NONE);
            assertThat(again.status()).isEqualTo(ExecutionStatus.COMPLETED);
        }
        for (String table : List.of("public.typed", "public.\"Order Details\"", "public.no_pk")) {
            assertThat(TableContents.postgresRowChecksums(target, table)).as(table)
                    .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, table));
        }

        PostgresFixture.execute(target, "UPDATE public.typed SET t = 'changed' WHERE id = 100");
        Map<String, Object> merge = config("write_mode", "merge");
        merge.put("tables", List.of("typed"));
        assertThat(load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), merge, new InMemoryCheckpointStore(), RunControl.NONE).status())
                .isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(TableContents.postgresRowChecksums(target, "public.typed"))
                .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, "public.typed"));
    }

    /** Issue 12.7: after an overwrite swap no index keeps the staging table's name. */
    @Test
    void overwriteLeavesNoStagingNameOnIndexes() throws Exception {
        String pgTarget = "dtaas_it_fl_swap_names";
        PostgresFixture.freshDatabase(pgTarget);
        String myTarget = "dtaas_it_fl_swap_names";
        MariaDbFixture.freshDatabase(myTarget);
        Map<String, Object> overwrite = config("write_mode", "overwrite");
        overwrite.put("tables", List.of("typed"));
        for (int run = 0; run < 2; run++) { // the second swap replaces a table that has the final names already
            assertThat(load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                    PostgresFixture.connectionConfig(pgTarget), overwrite, new InMemoryCheckpointStore(), RunControl.NONE)
                    .status()).isEqualTo(ExecutionStatus.COMPLETED);
            Map<String, Object> intoMaria = new HashMap<>(overwrite);
            intoMaria.put("target_schema", myTarget);
            intoMaria.put("tables", List.of("typed_ids"));
            PostgresFixture.execute(PG_SRC, "CREATE TABLE IF NOT EXISTS typed_ids AS SELECT id, t FROM typed",
                    "ALTER TABLE typed_ids DROP CONSTRAINT IF EXISTS typed_ids_pkey",
                    "ALTER TABLE typed_ids ADD PRIMARY KEY (id)");
            assertThat(load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new MysqlConnector(),
                    MariaDbFixture.connectionConfig(myTarget), intoMaria, new InMemoryCheckpointStore(), RunControl.NONE)
                    .status()).isEqualTo(ExecutionStatus.COMPLETED);
        }
        assertThat(strings(PostgresFixture.connect(pgTarget), "SELECT indexname FROM pg_indexes WHERE tablename = 'typed'"))
                .containsExactly("typed_pkey");
        assertThat(strings(PostgresFixture.connect(pgTarget), "SELECT conname FROM pg_constraint"
                + " WHERE conrelid = 'public.typed'::regclass")).containsExactly("typed_pkey");
        assertThat(strings(PostgresFixture.connect(pgTarget), "SELECT relname FROM pg_class WHERE relname LIKE '%dtaas%'"))
                .isEmpty();
        assertThat(strings(MariaDbFixture.connect(myTarget), "SELECT DISTINCT index_name FROM information_schema.statistics"
                + " WHERE table_schema = '" + myTarget + "' AND table_name = 'typed_ids'")).containsExactly("PRIMARY");
        assertThat(strings(MariaDbFixture.connect(myTarget), "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = '" + myTarget + "'")).containsExactly("typed_ids");
        assertThat(TableContents.postgresRowChecksums(pgTarget, "public.typed"))
                .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, "public.typed"));
    }

    private static List<String> strings(java.sql.Connection c, String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (c; java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void patternsAndExclusionsSelectTables() throws Exception {
        String target = "dtaas_it_fl_patterns";
        PostgresFixture.freshDatabase(target);
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), Map.of("tables", List.of("public.*"),
                        "exclude_tables", List.of("typ%", "portable%")), new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(run.last().tables()).extracting(t -> t.table())
                .containsExactlyInAnyOrder("public.Order Details", "public.no_pk", "public.empty_table");
    }

    @Test
    void customQueriesLoadTheirResultAsATable() throws Exception {
        String target = "dtaas_it_fl_query";
        PostgresFixture.freshDatabase(target);
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), Map.of("tables", List.of("recent"),
                        "queries", Map.of("recent", "SELECT id, t, n FROM typed WHERE id < 10;")),
                new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(TableContents.postgresRowChecksums(target, "public.recent"))
                .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, "(SELECT id, t, n FROM typed WHERE id < 10)"));
        Run writing = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), Map.of("tables", List.of("gone"),
                        "queries", Map.of("gone", "DELETE FROM typed RETURNING *")), new InMemoryCheckpointStore(),
                RunControl.NONE);
        assertThat(writing.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(writing.last().error()).contains("table public.gone", "only a single read-only statement");
    }

    @Test
    void missingTablesFailWithTheirName() {
        Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(PG_SRC), Map.of("tables", List.of("nope")), new InMemoryCheckpointStore(),
                RunControl.NONE);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.last().error()).contains("public.nope", "not found");
    }

    private static void assertSame(Connector from, Map<String, Object> fromCfg, String fromSchema, Connector to,
                                   Map<String, Object> toCfg, String toSchema) {
        try (Source a = from.source(values(from, fromCfg)); Source b = to.source(values(to, toCfg))) {
            List<String> mismatches = new ArrayList<>();
            for (String table : TABLES) {
                List<String> source = TableContents.normalisedRows(a, new TableRef(fromSchema, table));
                List<String> target = TableContents.normalisedRows(b, new TableRef(toSchema, table));
                if (!source.equals(target)) {
                    mismatches.add(table + ": " + firstDifference(source, target));
                }
            }
            assertThat(mismatches).isEmpty();
        }
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "\n source " + abbreviate(a.get(i)) + "\n target " + abbreviate(b.get(i));
            }
        }
        return "row counts " + a.size() + " vs " + b.size();
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
