package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.files.FileRoots;
import io.dtaas.connect.files.LocalFilesConnector;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.TransientError;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.job.TransferConfig;
import io.dtaas.testing.FileReadBack;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables without a primary key load in parallel chunks, exactly: PostgreSQL by heap-page (ctid) ranges to file
 * destinations, PostgreSQL and MariaDB by a unique NOT NULL integer column to any destination; a table with
 * neither is one chunk, and each table's progress says which. A chunk failing after its files were published is
 * retried and leaves no duplicate.
 */
class UnkeyedChunksIT {

    private static final String PG = "dtaas_it_unkeyed_src";
    private static final String PG_DST = "dtaas_it_unkeyed_dst";
    private static final String MY = "dtaas_it_unkeyed_my";
    private static final int ROWS = 30_000;

    @BeforeAll
    static void tables() throws Exception {
        PostgresFixture.freshDatabase(PG);
        PostgresFixture.freshDatabase(PG_DST);
        PostgresFixture.execute(PG,
                // duplicates (every row twice) and NULLs: only a multiset comparison is exact
                "CREATE TABLE heap (a int, b text, c bigint)",
                "INSERT INTO heap SELECT g % (" + ROWS / 2 + "), CASE WHEN g % 7 = 0 THEN NULL ELSE md5(g::text) END,"
                        + " CASE WHEN g % 5 = 0 THEN NULL ELSE g::bigint * 1000003 END FROM generate_series(1, "
                        + ROWS / 2 + ") g, generate_series(1, 2)",
                "ANALYZE heap",
                // keyed, full pages: an updated row's new version cannot stay on its page
                "CREATE TABLE keyed (id int PRIMARY KEY, v text) WITH (fillfactor = 100)",
                "INSERT INTO keyed SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE keyed",
                "CREATE TABLE uniq (code int NOT NULL, v text, UNIQUE (code))",
                "INSERT INTO uniq SELECT g * 3, md5(g::text) FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE uniq");
        MariaDbFixture.freshDatabase(MY);
        MariaDbFixture.execute(MY,
                "CREATE TABLE uniq (v varchar(40), code bigint NOT NULL, UNIQUE KEY code_key (code))",
                "INSERT INTO uniq SELECT md5(seq), seq * 7 FROM seq_1_to_" + ROWS,
                "CREATE TABLE heap (a int, b varchar(40))",
                "INSERT INTO heap SELECT seq % 100, md5(seq) FROM seq_1_to_2000");
    }

    @AfterAll
    static void drop() throws Exception {
        PostgresFixture.execute("postgres", "DROP DATABASE IF EXISTS " + PG + " WITH (FORCE)",
                "DROP DATABASE IF EXISTS " + PG_DST + " WITH (FORCE)");
        MariaDbFixture.execute("mysql", "DROP DATABASE IF EXISTS " + MY);
    }

    @Test
    void aPostgresTableWithoutAKeyLoadsToFilesInPageRangeChunksExactlyEvenWhenAChunkIsRetried(@TempDir Path root)
            throws Exception {
        Path out = root.resolve("out");
        LocalFilesConnector files = new LocalFilesConnector(FileRoots.of(root));
        AtomicBoolean failedOnce = new AtomicBoolean();
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        ExecutionStatus status;
        try (Source source = new PostgresConnector().source(values(new PostgresConnector(), PostgresFixture.connectionConfig(PG)));
             Destination real = files.destination(ConfigValidator.validate(files.type(),
                     Map.of("path", out.toString(), "file_format", "csv"), "connection_config"));
             Destination destination = new FailingAfterCommit(real, 1, failedOnce)) {
            status = new FullLoad(source, destination, TransferConfig.from(Map.of("tables", List.of("heap"),
                    "chunk_rows", 4_000, "batch_size", 1_000, "max_parallel_chunks", 3)),
                    new FullLoad.TaskContext(42, "unkeyed"), new InMemoryCheckpointStore(), RunControl.NONE,
                    new ProgressTracker(1, 42, events::add, Duration.ofMillis(50))).run();
        }
        assertThat(status).as(String.valueOf(events.getLast().error())).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(failedOnce).as("chunk 2 failed once after publishing its files").isTrue();
        assertThat(events.getLast().retries()).isGreaterThanOrEqualTo(1);
        TableProgress heap = table(events, "public.heap");
        assertThat(heap.chunksTotal()).isGreaterThan(3);
        assertThat(heap.chunksDone()).isEqualTo(heap.chunksTotal());
        assertThat(heap.rows()).isEqualTo(ROWS);
        assertThat(heap.note()).contains("split by heap pages (ctid)");

        List<List<String>> written = new ArrayList<>();
        try (Stream<Path> parts = Files.walk(out)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")
                    && !p.toString().contains("/.dtaas-manifest/")).toList()) { // the manifest's markers left out
                List<List<String>> records = FileReadBack.csv(Files.readAllBytes(p));
                assertThat(records).as(p + " has a header").isNotEmpty();
                written.addAll(records.subList(1, records.size()));
            }
        }
        assertThat(sorted(written)).isEqualTo(sorted(postgresRows(PG, "SELECT a::text, b, c::text FROM heap")));
    }

    @Test
    void aKeyedPostgresTableLoadsToFilesInPageRangeChunksExactly(@TempDir Path root) throws Exception {
        Path out = root.resolve("out");
        Run run = toFiles(root, out, Map.of("tables", List.of("keyed"), "chunk_rows", 4_000, "batch_size", 1_000,
                "max_parallel_chunks", 3), new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.events().getLast().error())).isEqualTo(ExecutionStatus.COMPLETED);
        TableProgress keyed = table(run.events(), "public.keyed");
        assertThat(keyed.chunksTotal()).isEqualTo(8); // 30,000 rows / 4,000, as key ranges would be
        assertThat(keyed.chunksDone()).isEqualTo(keyed.chunksTotal());
        assertThat(keyed.rows()).isEqualTo(ROWS);
        assertThat(keyed.note()).isEqualTo("split by heap pages (ctid) into 8 chunks read in one snapshot");
        assertThat(run.heldOpen()).as("the snapshot's transaction ends with the table, not with the run").isZero();
        assertThat(sorted(csvRows(out))).isEqualTo(sorted(postgresRows(PG, "SELECT id::text, v FROM keyed")));
    }

    /**
     * A keyed table split by pages, interrupted after some chunks committed, with rows moved to other pages before
     * the next attempt: the earlier attempt's chunks read a snapshot that is gone, so the resumed attempt reads every
     * chunk again in its own (skipping them would keep the moved rows' old versions and read their new ones too) and
     * replaces the earlier files by index; a third run finds the table finished and skips it.
     */
    @Test
    void aKeyedTableSplitByPagesResumedAfterRowsMovedIsReadAgainWholeAndStaysExact(@TempDir Path root)
            throws Exception {
        PostgresFixture.execute(PG, "DROP TABLE IF EXISTS moving",
                "CREATE TABLE moving (id int PRIMARY KEY, v text) WITH (fillfactor = 100)",
                "INSERT INTO moving SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g",
                "VACUUM ANALYZE moving");
        Path out = root.resolve("out");
        Map<String, Object> config = Map.of("tables", List.of("moving"), "chunk_rows", 4_000, "batch_size", 500,
                "max_parallel_chunks", 1);
        java.util.concurrent.atomic.AtomicLong checkpointed = new java.util.concurrent.atomic.AtomicLong();
        CheckpointStore checkpoints = FullLoadIT.counting(checkpointed::incrementAndGet);
        RunControl pauseAfterThreeChunks = new RunControl() {
            @Override
            public boolean stopRequested() {
                return false;
            }

            @Override
            public boolean pauseRequested() {
                return checkpointed.get() >= 3;
            }
        };
        Run first = toFiles(root, out, config, checkpoints, pauseAfterThreeChunks);
        assertThat(first.status()).isEqualTo(ExecutionStatus.PAUSED);
        assertThat(table(first.events(), "public.moving").chunksDone()).isBetween(3, 4);

        // the source closed with the first attempt: its snapshot is gone. Free space at the table's end (no page
        // emptied, so the plan stays the same), then update rows of the first chunk: their new versions move there
        PostgresFixture.execute(PG, "DELETE FROM moving WHERE id > " + (ROWS - 2_000) + " AND id % 2 = 0",
                "VACUUM moving",
                "UPDATE moving SET v = 'moved ' || id WHERE id <= 500");
        assertThat(postgresRows(PG, "SELECT count(*)::text FROM moving WHERE id <= 500 AND (ctid::text::point)[0] < 100"))
                .as("the updated rows left the first chunk's pages").isEqualTo(List.of(List.of("0")));

        Run second = toFiles(root, out, config, checkpoints, RunControl.NONE);
        assertThat(second.status()).as(String.valueOf(second.events().getLast().error())).isEqualTo(ExecutionStatus.COMPLETED);
        List<List<String>> source = postgresRows(PG, "SELECT id::text, v FROM moving");
        assertThat(sorted(csvRows(out))).hasSize(ROWS - 1_000).isEqualTo(sorted(source));
        TableProgress moving = table(second.events(), "public.moving");
        assertThat(moving.note()).as("the same plan, so the earlier attempt's chunks were found")
                .startsWith("split by heap pages (ctid) into 8 chunks read in one snapshot; ")
                .endsWith("chunks an earlier attempt committed read another snapshot: every chunk is read again");
        assertThat(moving.chunksDone()).isEqualTo(8);
        assertThat(moving.rows()).isEqualTo(ROWS - 1_000);
        assertThat(runsOf(out)).as("the resumed attempt continued the earlier one's run").hasSize(1);

        Run third = toFiles(root, out, config, checkpoints, RunControl.NONE);
        assertThat(third.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(table(third.events(), "public.moving").state()).isEqualTo("skipped");
        assertThat(sorted(csvRows(out))).isEqualTo(sorted(source));
    }

    /** @param heldOpen transactions left open on the source database once the load returned, its source still open */
    /**
     * A page plan resumed with fewer chunks than the interrupted attempt had (here a larger chunk_rows; a table
     * that shrank does the same): the resumed attempt continues the earlier run, redoes its own chunks and deletes
     * the earlier attempt's files of chunks beyond its count, so under append nothing is doubled.
     */
    @Test
    void aPagePlanResumedWithFewerChunksLeavesNoFileOfTheLargerPlan(@TempDir Path root) throws Exception {
        Path out = root.resolve("out");
        java.util.concurrent.atomic.AtomicLong checkpointed = new java.util.concurrent.atomic.AtomicLong();
        CheckpointStore checkpoints = FullLoadIT.counting(checkpointed::incrementAndGet);
        RunControl pauseAfterFiveChunks = new RunControl() {
            @Override
            public boolean stopRequested() {
                return false;
            }

            @Override
            public boolean pauseRequested() {
                return checkpointed.get() >= 5;
            }
        };
        Run first = toFiles(root, out, Map.of("tables", List.of("keyed"), "chunk_rows", 4_000, "batch_size", 500,
                "max_parallel_chunks", 1), checkpoints, pauseAfterFiveChunks);
        assertThat(first.status()).isEqualTo(ExecutionStatus.PAUSED);
        assertThat(partFiles(out)).as("chunks 0-4 (and 5, cut short by the pause) of 8").hasSizeGreaterThanOrEqualTo(5);

        Run second = toFiles(root, out, Map.of("tables", List.of("keyed"), "chunk_rows", 12_000, "batch_size", 500,
                "max_parallel_chunks", 2), checkpoints, RunControl.NONE);
        assertThat(second.status()).as(String.valueOf(second.events().getLast().error())).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(sorted(csvRows(out))).hasSize(ROWS).isEqualTo(sorted(postgresRows(PG, "SELECT id::text, v FROM keyed")));
        TableProgress keyed = table(second.events(), "public.keyed");
        assertThat(keyed.chunksTotal()).isEqualTo(3);
        assertThat(keyed.note()).isEqualTo("split by heap pages (ctid) into 3 chunks read in one snapshot; 5 chunks"
                + " an earlier attempt committed read another snapshot: every chunk is read again");
        assertThat(partFiles(out)).hasSize(3);
        assertThat(runsOf(out)).hasSize(1);
    }

    private record Run(ExecutionStatus status, List<ProgressEvent> events, long heldOpen) {
    }

    private static Run toFiles(Path root, Path out, Map<String, Object> config, CheckpointStore checkpoints,
                               RunControl control) throws Exception {
        LocalFilesConnector files = new LocalFilesConnector(FileRoots.of(root));
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        try (Source source = new PostgresConnector().source(values(new PostgresConnector(), PostgresFixture.connectionConfig(PG)));
             Destination destination = files.destination(ConfigValidator.validate(files.type(),
                     Map.of("path", out.toString(), "file_format", "csv"), "connection_config"))) {
            ExecutionStatus status = new FullLoad(source, destination, TransferConfig.from(config),
                    new FullLoad.TaskContext(42, "unkeyed"), checkpoints, control,
                    new ProgressTracker(1, 42, events::add, Duration.ofMillis(50))).run();
            long heldOpen = Long.parseLong(postgresRows("postgres", "SELECT count(*)::text FROM pg_stat_activity"
                    + " WHERE datname = '" + PG + "' AND state = 'idle in transaction'").getFirst().getFirst());
            return new Run(status, events, heldOpen);
        }
    }

    /** Every data row of the CSV part files under {@code out} (the manifest's markers left out). */
    private static List<List<String>> csvRows(Path out) throws Exception {
        List<List<String>> written = new ArrayList<>();
        for (Path p : partFiles(out)) {
            List<List<String>> records = FileReadBack.csv(Files.readAllBytes(p));
            assertThat(records).as(p + " has a header").isNotEmpty();
            written.addAll(records.subList(1, records.size()));
        }
        return written;
    }

    private static List<Path> partFiles(Path out) throws Exception {
        try (Stream<Path> parts = Files.walk(out)) {
            return parts.filter(p -> p.getFileName().toString().startsWith("part-")
                    && !p.toString().contains("/.dtaas-manifest/")).toList();
        }
    }

    /** The runs the part files belong to ({@code part-<run>-<chunk>-<part>.csv}). */
    private static java.util.Set<String> runsOf(Path out) throws Exception {
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("part-(\\d{8}T\\d{6}Z-[0-9a-f]{6})-.*");
        java.util.Set<String> runs = new java.util.HashSet<>();
        for (Path p : partFiles(out)) {
            java.util.regex.Matcher m = name.matcher(p.getFileName().toString());
            assertThat(m.matches()).as(p.toString()).isTrue();
            runs.add(m.group(1));
        }
        return runs;
    }

    @Test
    void aPostgresTableWithoutAKeyGoesToADatabaseAsOneChunkAndSaysSo() throws Exception {
        FullLoadIT.Run run = FullLoadIT.load(new PostgresConnector(), PostgresFixture.connectionConfig(PG),
                new PostgresConnector(), PostgresFixture.connectionConfig(PG_DST), Map.of("tables", List.of("heap"),
                        "chunk_rows", 4_000, "target_schema", "one_chunk"), new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        TableProgress heap = table(run.events(), "one_chunk.heap");
        assertThat(heap.chunksTotal()).isEqualTo(1);
        assertThat(heap.note()).contains("read as one chunk");
        assertThat(TableContents.postgresRowChecksums(PG_DST, "one_chunk.heap"))
                .isEqualTo(TableContents.postgresRowChecksums(PG, "public.heap"));
    }

    @Test
    void aPostgresTableWithAUniqueIntegerColumnSplitsOnItIntoADatabaseExactlyAndAgainIdempotently() throws Exception {
        Map<String, Object> config = Map.of("tables", List.of("uniq"), "chunk_rows", 4_000, "target_schema", "by_unique");
        for (int run = 0; run < 2; run++) { // the second run redoes every chunk: ranges replaced, never doubled
            FullLoadIT.Run r = FullLoadIT.load(new PostgresConnector(), PostgresFixture.connectionConfig(PG),
                    new PostgresConnector(), PostgresFixture.connectionConfig(PG_DST), config,
                    new InMemoryCheckpointStore(), RunControl.NONE);
            assertThat(r.status()).as(String.valueOf(r.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
            TableProgress uniq = table(r.events(), "by_unique.uniq");
            assertThat(uniq.chunksTotal()).isGreaterThan(3);
            assertThat(uniq.note()).isEqualTo("no integer primary key: split on unique column code");
        }
        assertThat(TableContents.postgresRowChecksums(PG_DST, "by_unique.uniq"))
                .isEqualTo(TableContents.postgresRowChecksums(PG, "public.uniq"));
    }

    @Test
    void aMariaDbTableWithAUniqueIntegerColumnSplitsOnItAndOneWithNeitherIsOneChunk() throws Exception {
        FullLoadIT.Run run = FullLoadIT.load(new MysqlConnector(), MariaDbFixture.connectionConfig(MY),
                new PostgresConnector(), PostgresFixture.connectionConfig(PG_DST), Map.of("tables", List.of("uniq", "heap"),
                        "chunk_rows", 4_000, "target_schema", "from_maria"), new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        TableProgress uniq = table(run.events(), "from_maria.uniq");
        assertThat(uniq.chunksTotal()).isGreaterThan(3);
        assertThat(uniq.note()).isEqualTo("no integer primary key: split on unique column code");
        assertThat(uniq.rows()).isEqualTo(ROWS);
        TableProgress heap = table(run.events(), "from_maria.heap");
        assertThat(heap.chunksTotal()).isEqualTo(1);
        assertThat(heap.note()).isEqualTo("no primary key or unique integer column: read as one chunk");
        assertThat(sorted(postgresRows(PG_DST, "SELECT v, code::text FROM from_maria.uniq")))
                .isEqualTo(sorted(mariaRows("SELECT v, CAST(code AS CHAR) FROM uniq")));
        assertThat(sorted(postgresRows(PG_DST, "SELECT a::text, b FROM from_maria.heap")))
                .isEqualTo(sorted(mariaRows("SELECT CAST(a AS CHAR), b FROM heap")));
    }

    private static TableProgress table(List<ProgressEvent> events, String name) {
        // the table's last report names its target when target_schema moves it; match on the table's own name
        String bare = name.substring(name.indexOf('.') + 1);
        return events.getLast().tables().stream().filter(t -> t.table().endsWith("." + bare)).findFirst().orElseThrow();
    }

    private static io.dtaas.connect.ConfigValues values(io.dtaas.connect.Connector c, Map<String, Object> raw) {
        return ConfigValidator.validate(c.type(), raw, "connection_config");
    }

    private static List<List<String>> postgresRows(String db, String sql) throws Exception {
        try (Connection c = PostgresFixture.connect(db)) {
            return rows(c, sql);
        }
    }

    private static List<List<String>> mariaRows(String sql) throws Exception {
        try (Connection c = MariaDbFixture.connect(MY)) {
            return rows(c, sql);
        }
    }

    private static List<List<String>> rows(Connection c, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> sorted(List<List<String>> rows) {
        return rows.stream().map(r -> String.join("\u0001", r.stream().map(v -> v == null ? "<null>" : v).toList()))
                .sorted().toList();
    }

    /** The real destination, except that chunk {@code index}'s first attempt fails just after its commit. */
    private record FailingAfterCommit(Destination real, int index, AtomicBoolean failed) implements Destination {

        @Override
        public void prepare(TableSchema source, TableRef target, WriteMode mode) {
            real.prepare(source, target, mode);
        }

        @Override
        public void prepare(TableSchema source, TableRef target, WriteMode mode, boolean resuming) {
            real.prepare(source, target, mode, resuming);
        }

        @Override
        public boolean replacesChunksByIdentity() {
            return real.replacesChunksByIdentity();
        }

        @Override
        public String location(TableRef target) {
            return real.location(target);
        }

        @Override
        public void complete(TableSchema source, TableRef target, WriteMode mode) {
            real.complete(source, target, mode);
        }

        @Override
        public ChunkWriter open(TableSchema source, TableRef target, Chunk chunk, WriteMode mode) {
            ChunkWriter writer = real.open(source, target, chunk, mode);
            if (chunk.index() != index || !(chunk.bounds() instanceof ChunkBounds.PageRange)) {
                return writer;
            }
            return new ChunkWriter() {
                @Override
                public void write(Batch batch) {
                    writer.write(batch);
                }

                @Override
                public void commit() {
                    writer.commit();
                    if (failed.compareAndSet(false, true)) {
                        throw new TransientError("injected: the connection was lost after the chunk's commit", null);
                    }
                }

                @Override
                public long bytesWritten() {
                    return writer.bytesWritten();
                }

                @Override
                public void close() {
                    writer.close();
                }
            };
        }

        @Override
        public void close() {
            // the test closes the real destination
        }
    }
}
