package io.dtaas.engine;

import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.files.FileRoots;
import io.dtaas.connect.files.LocalFilesConnector;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.objectstore.FileDestination;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.connect.s3.S3Connector;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TransferConfig;
import io.dtaas.testing.FileReadBack;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import io.dtaas.validate.KeyDifference;
import io.dtaas.validate.TableReport;
import io.dtaas.validate.ValidationRun;
import io.dtaas.validate.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation of file targets (issue 17): the edge-case tables are loaded into local CSV, JSON-lines and Parquet files
 * and into S3 (s3proxy), read back and compared with the source: intact files are equal; a row removed, a value
 * changed or a row added in a file is found by key, exactly; change files are folded by an integer key (without one
 * the table is not comparable; folding itself: ChangeFileValidationIT).
 */
class FileValidationIT {

    private static final String PG_SRC = "dtaas_it_fval_pg";
    private static final String MY_SRC = "dtaas_it_fval_my";
    private static final List<String> TABLES = List.of("typed", "no_pk", "Order Details");

    @BeforeAll
    static void data() throws Exception {
        EdgeCaseData.createPostgres(PG_SRC);
        EdgeCaseData.createMariaDb(MY_SRC);
    }

    private static Map<String, Object> config() {
        return Map.of("tables", TABLES, "chunk_rows", 1000, "batch_size", 333);
    }

    private static void load(Connector from, Map<String, Object> fromCfg, Connector to, Map<String, Object> toCfg) {
        FullLoadIT.Run run = FullLoadIT.load(from, fromCfg, to, toCfg, config(), new InMemoryCheckpointStore(),
                RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
    }

    private static Map<String, TableReport> validate(Connector from, Map<String, Object> fromCfg, Connector to,
                                                     Map<String, Object> toCfg) {
        return validate(from, fromCfg, to, toCfg, RunControl.NONE);
    }

    private static Map<String, TableReport> validate(Connector from, Map<String, Object> fromCfg, Connector to,
                                                     Map<String, Object> toCfg, RunControl control) {
        try (Source source = from.source(FullLoadIT.values(from, fromCfg));
             Destination destination = to.destination(FullLoadIT.values(to, toCfg))) {
            ValidationRun run = new ValidationRun(source, null, destination, TransferConfig.from(config()));
            ValidationRun.Options options = new ValidationRun.Options(List.of(), false, 100);
            List<TableReport> reports = run.run(run.tables(options), options, control, new ValidationRun.Listener() {
                @Override
                public void tableStarted(String table) {
                }

                @Override
                public void tableDone(TableReport report) {
                }
            });
            return reports.stream().collect(Collectors.toMap(r -> r.table().substring(r.table().indexOf('.') + 1), r -> r));
        }
    }

    private static void assertAllEqual(Map<String, TableReport> reports) {
        assertThat(reports).containsOnlyKeys(TABLES);
        reports.values().forEach(r -> {
            assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.EQUAL);
            assertThat(r.targetRows()).as(r.toString()).isEqualTo(r.sourceRows());
        });
        assertThat(reports.get("typed").sourceRows()).isEqualTo(3006);
        assertThat(reports.get("typed").differingKeys()).isZero();
        assertThat(reports.get("no_pk").sourceRows()).isEqualTo(4);
    }

    private static TreeSet<Long> keys(TableReport report, KeyDifference.Kind kind) {
        return report.differences().stream().filter(d -> d.kind() == kind)
                .map(d -> Long.valueOf(d.key().get("id"))).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Removed 150, changed i4 of 200 to 999, added 5000: exactly those three keys. */
    private static void assertDamageFound(TableReport typed) {
        assertThat(typed.verdict()).as(typed.toString()).isEqualTo(Verdict.DIFFERENT);
        assertThat(typed.differingKeys()).as(typed.toString()).isEqualTo(3);
        assertThat(keys(typed, KeyDifference.Kind.MISSING_IN_TARGET)).containsExactly(150L);
        assertThat(keys(typed, KeyDifference.Kind.VALUES_DIFFER)).containsExactly(200L);
        assertThat(keys(typed, KeyDifference.Kind.EXTRA_IN_TARGET)).containsExactly(5000L);
        KeyDifference changed = typed.differences().stream().filter(d -> d.kind() == KeyDifference.Kind.VALUES_DIFFER)
                .findFirst().orElseThrow();
        assertThat(changed.source()).containsEntry("i4", "200");
        assertThat(changed.target()).containsEntry("i4", "999");
        assertThat(typed.targetRows()).isEqualTo(typed.sourceRows());
    }

    /** The same damage in CSV or JSON-lines text: row 150 removed, i4 of 200 set to 999, row 300 copied as 5000. */
    static String damage(String text, String format) {
        String separator = format.equals("csv") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split(separator, -1)));
        String extra = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (format.equals("csv") ? line.startsWith("200,,,200,") : line.startsWith("{\"id\":200,")) {
                lines.set(i, format.equals("csv") ? line.replaceFirst("^200,,,200,", "200,,,999,")
                        : line.replace("\"i4\":200,", "\"i4\":999,"));
            } else if (format.equals("csv") ? line.startsWith("300,") : line.startsWith("{\"id\":300,")) {
                extra = format.equals("csv") ? "5000," + line.substring(4) : line.replace("{\"id\":300,", "{\"id\":5000,");
            }
        }
        lines.removeIf(l -> format.equals("csv") ? l.startsWith("150,") : l.startsWith("{\"id\":150,"));
        if (extra != null) {
            lines.add(lines.size() - 1, extra);
        }
        return String.join(separator, lines);
    }

    private static List<Path> typedFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    private static void rewriteWhereFound(List<Path> files, String format) throws Exception {
        for (Path f : files) {
            String text = Files.readString(f);
            String damaged = damage(text, format);
            if (!damaged.equals(text)) {
                Files.writeString(f, damaged);
            }
        }
    }

    @Test
    void localCsvJsonAndParquetFilesAreEqualIntactAndNameExactlyTheDamagedKeys(@TempDir Path root) throws Exception {
        LocalFilesConnector files = new LocalFilesConnector(FileRoots.of(root));
        for (String format : List.of("csv", "json")) {
            Path out = root.resolve(format);
            Map<String, Object> cfg = Map.of("path", out.toString(), "file_format", format, "max_rows_per_file", 700);
            load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), files, cfg);
            assertAllEqual(validate(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), files, cfg));

            rewriteWhereFound(typedFiles(out.resolve("public/typed")), format);
            Map<String, TableReport> damaged = validate(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC),
                    files, cfg);
            assertDamageFound(damaged.get("typed"));
            assertThat(damaged.get("no_pk").verdict()).isEqualTo(Verdict.EQUAL);
        }

        // Parquet: MariaDB's edge cases round-trip; a whole file removed leaves exactly its keys missing
        Path out = root.resolve("parquet");
        Map<String, Object> cfg = Map.of("path", out.toString(), "file_format", "parquet", "max_rows_per_file", 700);
        load(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), files, cfg);
        Map<String, TableReport> intact = validate(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), files, cfg);
        assertThat(intact).containsOnlyKeys(TABLES);
        intact.values().forEach(r -> assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.EQUAL));
        Path removed = typedFiles(out.resolve(MY_SRC + "/typed")).get(1);
        TreeSet<Long> removedKeys = new TreeSet<>();
        FileReadBack.parquet(Files.readAllBytes(removed), root).rows()
                .forEach(g -> removedKeys.add((long) g.getInteger("id", 0)));
        Files.delete(removed);
        TableReport typed = validate(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), files, cfg).get("typed");
        assertThat(typed.verdict()).as(typed.toString()).isEqualTo(Verdict.DIFFERENT);
        assertThat(typed.reason()).contains("1 files the run wrote are gone");
        assertThat(typed.differingKeys()).isEqualTo(removedKeys.size());
        assertThat(typed.targetRows()).isEqualTo(typed.sourceRows() - removedKeys.size());
        // the report shows the first 100 in key order
        assertThat(keys(typed, KeyDifference.Kind.MISSING_IN_TARGET))
                .containsExactlyElementsOf(removedKeys.stream().limit(100).toList());
    }

    @Test
    void s3ParquetAndCsvObjectsAreReadBackAndDamageIsFound() throws Exception {
        String bucket = "dtaas-it-fval";
        S3ServerFixture.createBucket(bucket);
        Map<String, Object> parquet = new HashMap<>(S3ServerFixture.connectionConfig(bucket));
        parquet.put("prefix", "pq/");
        parquet.put("compression", "zstd");
        load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new S3Connector(), parquet);
        assertAllEqual(validate(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new S3Connector(), parquet));

        Map<String, Object> csv = new HashMap<>(S3ServerFixture.connectionConfig(bucket));
        csv.put("prefix", "csv/");
        csv.put("file_format", "csv");
        csv.put("compression", "none");
        csv.put("max_rows_per_file", 500);
        load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new S3Connector(), csv);
        assertAllEqual(validate(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new S3Connector(), csv));
        try (S3Client s3 = S3ServerFixture.client()) {
            for (var object : s3.listObjectsV2(r -> r.bucket(bucket).prefix("csv/public/typed/part-")).contents()) {
                String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asUtf8String();
                String damaged = damage(text, "csv");
                if (!damaged.equals(text)) {
                    s3.putObject(r -> r.bucket(bucket).key(object.key()), RequestBody.fromString(damaged,
                            StandardCharsets.UTF_8));
                }
            }
        }
        assertDamageFound(validate(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new S3Connector(),
                csv).get("typed"));
    }

    /** A file comparison reads each chunk holding a slot of the process's budget, and stops while it waits for one. */
    @Test
    void aFileValidationWaitsForTheBudgetAndStopsWhenAsked(@TempDir Path root) throws Exception {
        LocalFilesConnector files = new LocalFilesConnector(FileRoots.of(root));
        Map<String, Object> cfg = Map.of("path", root.resolve("budget").toString(), "file_format", "csv");
        load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), files, cfg);
        ResourceBudget budget = ResourceBudget.process();
        List<ResourceBudget.Slot> held = new ArrayList<>();
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            for (int i = 0; i < budget.usage().chunkSlots(); i++) {
                held.add(budget.acquire(RunControl.NONE));
            }
            RunControl control = new RunControl() {
                @Override
                public boolean stopRequested() {
                    return stop.get();
                }

                @Override
                public boolean pauseRequested() {
                    return false;
                }
            };
            java.util.concurrent.Future<Map<String, TableReport>> running = thread.submit(() -> validate(
                    new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), files, cfg, control));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> budget.usage().waiting() > 0);
            stop.set(true);
            Map<String, TableReport> reports = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reports).hasSize(1);
            assertThat(reports.get("typed").reason()).isEqualTo("validation was stopped");
        } finally {
            held.forEach(ResourceBudget.Slot::close);
            thread.shutdownNow();
        }
    }

    @Test
    void changeFilesOfATableWithoutAnIntegerKeyAreNotComparable(@TempDir Path root) throws Exception {
        LocalFilesConnector files = new LocalFilesConnector(FileRoots.of(root));
        Map<String, Object> cfg = Map.of("path", root.resolve("cdc").toString(), "file_format", "json");
        load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), files, cfg);
        try (Source source = new PostgresConnector().source(FullLoadIT.values(new PostgresConnector(),
                PostgresFixture.connectionConfig(PG_SRC)));
             Destination destination = files.destination(FullLoadIT.values(files, cfg))) {
            TableSchema schema = source.describe(new TableRef("public", "no_pk"));
            ((FileDestination) destination).writeFile(schema, new TableRef("public", "no_pk"), LocalDate.now(),
                    "changes-000001", new Batch(schema, List.<Object[]>of(new Object[] {7, "x"})));
        }
        Map<String, TableReport> reports = validate(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC),
                files, cfg);
        TableReport noPk = reports.get("no_pk");
        assertThat(noPk.verdict()).isEqualTo(Verdict.NOT_COMPARABLE);
        assertThat(noPk.reason()).contains("folded into rows by the table's integer leading key");
        assertThat(noPk.sourceRows()).isEqualTo(4);
        assertThat(noPk.targetRows()).as("a change log is not counted without folding it").isNull();
        assertThat(reports.get("typed").verdict()).isEqualTo(Verdict.EQUAL);
    }

    /**
     * Change files folded in order (last operation per key, a delete removes the key), locally in CSV and Parquet and
     * on S3 in JSON lines: equal to the source; a change file deleted, or a value edited in one, is found as exactly
     * the keys it decided.
     */
    @Test
    void changeFilesAreFoldedInEveryFormat(@TempDir Path root) throws Exception {
        PostgresFixture.execute(PG_SRC, "DROP TABLE IF EXISTS cf_items",
                "CREATE TABLE cf_items (id int PRIMARY KEY, name text, qty numeric(10,2))",
                "INSERT INTO cf_items VALUES (1, 'a', 1.5), (2, 'b2', NULL), (3, 'c again', 3), (4, '', 4.25)");
        LocalFilesConnector files = new LocalFilesConnector(FileRoots.of(root));
        String bucket = "dtaas-it-fval-cf";
        S3ServerFixture.createBucket(bucket);
        Map<String, Object> s3 = new HashMap<>(S3ServerFixture.connectionConfig(bucket));
        s3.put("file_format", "json");
        s3.put("compression", "gzip");
        List<Map.Entry<io.dtaas.connect.Connector, Map<String, Object>>> targets = List.of(
                Map.entry(files, Map.of("path", root.resolve("csv").toString(), "file_format", "csv", "compression", "none")),
                Map.entry(files, Map.of("path", root.resolve("pq").toString(), "file_format", "parquet")),
                Map.entry(new S3Connector(), s3));
        for (var target : targets) {
            writeChanges(target.getKey(), target.getValue());
            TableReport folded = validateTable(target.getKey(), target.getValue(), "cf_items");
            assertThat(folded.verdict()).as(folded.toString()).isEqualTo(Verdict.EQUAL);
            assertThat(folded.sourceRows()).isEqualTo(4);
            assertThat(folded.targetRows()).isEqualTo(4);
        }
        Path csvChange = changeFile(root.resolve("csv"), "changes-20260101T000000002Z");
        Files.writeString(csvChange, Files.readString(csvChange).replace("b2", "bX"));
        TableReport edited = validateTable(files, targets.get(0).getValue(), "cf_items");
        assertThat(edited.differingKeys()).as(edited.toString()).isEqualTo(1);
        assertThat(keys(edited, KeyDifference.Kind.VALUES_DIFFER)).containsExactly(2L);
        assertThat(edited.differences().get(0).target().get("name")).isEqualTo("bX");
        assertThat(edited.reason()).contains("files are never repaired");

        Files.delete(changeFile(root.resolve("pq"), "changes-20260101T000000003Z"));
        try (S3Client client = S3ServerFixture.client()) {
            for (var object : client.listObjectsV2(r -> r.bucket(bucket).prefix("public/cf_items/")).contents()) {
                if (object.key().contains("changes-20260101T000000003Z") && !object.key().contains(".dtaas-manifest/")) {
                    client.deleteObject(r -> r.bucket(bucket).key(object.key()));
                }
            }
        }
        for (var target : targets.subList(1, 3)) {
            TableReport lost = validateTable(target.getKey(), target.getValue(), "cf_items");
            assertThat(lost.verdict()).as(lost.toString()).isEqualTo(Verdict.DIFFERENT);
            assertThat(lost.differingKeys()).as(lost.toString()).isEqualTo(2);
            // the lost file re-inserted 3 after its delete and deleted 5
            assertThat(keys(lost, KeyDifference.Kind.MISSING_IN_TARGET)).containsExactly(3L);
            assertThat(keys(lost, KeyDifference.Kind.EXTRA_IN_TARGET)).containsExactly(5L);
            assertThat(lost.reason()).contains("gone");
        }
    }

    /** Three change files of the table, as the change sink writes them: the fold is the source's cf_items. */
    private static void writeChanges(io.dtaas.connect.Connector to, Map<String, Object> toCfg) {
        try (Source source = new PostgresConnector().source(FullLoadIT.values(new PostgresConnector(),
                PostgresFixture.connectionConfig(PG_SRC)));
             Destination destination = to.destination(FullLoadIT.values(to, toCfg))) {
            TableRef table = new TableRef("public", "cf_items");
            TableSchema schema = source.describe(table);
            List<io.dtaas.data.Column> columns = new ArrayList<>();
            schema.columns().forEach(c -> columns.add(new io.dtaas.data.Column(c.name(), c.type(), true)));
            columns.add(new io.dtaas.data.Column("_op", io.dtaas.data.ColumnType.of(io.dtaas.data.ColumnKind.STRING), false));
            columns.add(new io.dtaas.data.Column("_source_ts",
                    io.dtaas.data.ColumnType.of(io.dtaas.data.ColumnKind.TIMESTAMP_TZ), true));
            columns.add(new io.dtaas.data.Column("_position", io.dtaas.data.ColumnType.of(io.dtaas.data.ColumnKind.STRING), true));
            TableSchema output = new TableSchema(table, columns, schema.primaryKey());
            FileDestination files = (FileDestination) destination;
            files.prepareChanges(output, table);
            java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
            files.writeFile(output, table, LocalDate.of(2026, 1, 1), "changes-20260101T000000001Z-aa", new Batch(output,
                    List.of(change(1, "a", "1.5", "I", at), change(2, "b", "2", "I", at), change(3, "c", "3", "I", at),
                            change(4, "", "4.25", "I", at), change(5, "e", "5", "I", at))));
            files.writeFile(output, table, LocalDate.of(2026, 1, 1), "changes-20260101T000000002Z-bb", new Batch(output,
                    List.of(change(2, "b2", null, "U", at), change(3, null, null, "D", at))));
            files.writeFile(output, table, LocalDate.of(2026, 1, 1), "changes-20260101T000000003Z-cc", new Batch(output,
                    List.of(change(3, "c again", "3", "I", at), change(5, null, null, "D", at))));
        }
    }

    private static Object[] change(int id, String name, String qty, String op, java.time.Instant at) {
        return new Object[] {id, name, qty == null ? null : new java.math.BigDecimal(qty), op, at, "pos " + id};
    }

    private static Path changeFile(Path folder, String prefix) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !folder.relativize(p).toString().contains(".dtaas-manifest")).findFirst().orElseThrow();
        }
    }

    private static TableReport validateTable(io.dtaas.connect.Connector to, Map<String, Object> toCfg, String table) {
        Map<String, Object> config = Map.of("tables", List.of(table), "chunk_rows", 1000, "batch_size", 333);
        try (Source source = new PostgresConnector().source(FullLoadIT.values(new PostgresConnector(),
                PostgresFixture.connectionConfig(PG_SRC)));
             Destination destination = to.destination(FullLoadIT.values(to, toCfg))) {
            ValidationRun run = new ValidationRun(source, null, destination, TransferConfig.from(config));
            ValidationRun.Options options = new ValidationRun.Options(List.of(), false, 100);
            return run.run(run.tables(options), options, RunControl.NONE, new ValidationRun.Listener() {
                @Override
                public void tableStarted(String t) {
                }

                @Override
                public void tableDone(TableReport report) {
                }
            }).get(0);
        }
    }
}
