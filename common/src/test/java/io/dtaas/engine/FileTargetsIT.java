package io.dtaas.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.Connector;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.files.FileRoots;
import io.dtaas.connect.files.LocalFilesConnector;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.connect.s3.S3Connector;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.format.TextValues;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.testing.FileReadBack;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge-case tables of PostgreSQL and MariaDB, fully loaded into local CSV, JSON-lines and Parquet files
 * and into Parquet on an S3 server, read back and compared value by value with the source rows.
 */
class FileTargetsIT {

    private static final String PG_SRC = "dtaas_it_files_pg";
    private static final String MY_SRC = "dtaas_it_files_my";

    @BeforeAll
    static void data() throws Exception {
        EdgeCaseData.createPostgres(PG_SRC);
        EdgeCaseData.createMariaDb(MY_SRC);
    }

    @Test
    void postgresToLocalCsvJsonAndParquet(@TempDir Path dir) throws Exception {
        for (String format : List.of("csv", "json", "parquet")) {
            Path out = dir.resolve(format);
            load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), dir,
                    Map.of("path", out.toString(), "file_format", format, "max_rows_per_file", 1000));
            compare(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new TableRef("public", "typed"),
                    format, localFiles(out.resolve("public/typed")));
        }
    }

    @Test
    void mariaDbToLocalCsvAndJsonGzip(@TempDir Path dir) throws Exception {
        for (String format : List.of("csv", "json")) {
            Path out = dir.resolve(format);
            load(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), dir,
                    Map.of("path", out.toString(), "file_format", format, "compression", "gzip"));
            List<byte[]> files = localFiles(out.resolve(MY_SRC + "/typed")).stream()
                    .map(b -> FileReadBack.decompress(b, io.dtaas.format.Compression.GZIP)).toList();
            compare(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), new TableRef(MY_SRC, "typed"), format, files);
        }
    }

    @Test
    void postgresAndMariaDbToS3Parquet(@TempDir Path scratch) throws Exception {
        S3ServerFixture.createBucket("dtaas-it-fullload");
        Map<String, Object> s3 = new HashMap<>(S3ServerFixture.connectionConfig("dtaas-it-fullload"));
        s3.put("prefix", "pg/");
        s3.put("compression", "snappy");
        loadTo(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new S3Connector(), s3);
        compare(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new TableRef("public", "typed"),
                "parquet", s3Files("pg/public/typed/"), scratch);
        s3.put("prefix", "my/");
        loadTo(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), new S3Connector(), s3);
        compare(new MysqlConnector(), MariaDbFixture.connectionConfig(MY_SRC), new TableRef(MY_SRC, "typed"),
                "parquet", s3Files("my/" + MY_SRC + "/typed/"), scratch);
    }

    /** Overwrite replaces DTaaS's own files of the table and leaves everything else in its folder as it was. */
    @Test
    void overwriteReplacesOnlyDtaasFilesAndKeepsForeignOnes(@TempDir Path root) throws Exception {
        Path out = root.resolve("exports");
        Map<String, Object> files = Map.of("path", out.toString(), "file_format", "csv", "max_rows_per_file", 2);
        load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), root, files);
        Path folder = out.resolve("public/typed");
        List<Path> first = partFiles(folder);
        Map<Path, String> foreign = Map.of(
                folder.resolve("_SUCCESS"), "",
                folder.resolve("part-00000-000.csv"), "id\n999\n",
                folder.resolve("notes/readme.txt"), "keep me",
                folder.resolve("load_date=2026-01-01/theirs.csv"), "id\n998\n");
        for (Map.Entry<Path, String> f : foreign.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.writeString(f.getKey(), f.getValue());
        }
        Map<String, Object> overwrite = new HashMap<>(files);
        FullLoadIT.Run run = FullLoadIT.load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC),
                new LocalFilesConnector(FileRoots.of(root)), overwrite, Map.of("tables", List.of("typed"),
                        "chunk_rows", 1000, "batch_size", 333, "write_mode", "overwrite"),
                new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        List<Path> second = partFiles(folder);
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
        first.forEach(p -> assertThat(p).doesNotExist());
        for (Map.Entry<Path, String> f : foreign.entrySet()) {
            assertThat(f.getKey()).as("foreign file").hasContent(f.getValue());
        }
        compare(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new TableRef("public", "typed"),
                "csv", read(second));
    }

    /** Issue 14: the second same-day append replaced the first one's files; now both runs' rows are there. */
    @Test
    void appendingTwiceOnTheSameDayKeepsBothRunsRowsExactly(@TempDir Path root) throws Exception {
        Path out = root.resolve("daily");
        Map<String, Object> files = Map.of("path", out.toString(), "file_format", "json",
                "partition_by_load_date", true);
        load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), root, files);
        Path folder = out.resolve("public/typed/load_date=" + LocalDate.now(ZoneOffset.UTC));
        List<Path> first = partFiles(folder);
        load(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), root, files);
        List<Path> all = partFiles(folder);
        assertThat(all).containsAll(first).hasSize(2 * first.size());
        List<Path> second = all.stream().filter(p -> !first.contains(p)).toList();
        compare(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new TableRef("public", "typed"),
                "json", read(first));
        compare(new PostgresConnector(), PostgresFixture.connectionConfig(PG_SRC), new TableRef("public", "typed"),
                "json", read(second));
    }

    /** A directory swapped for a link to /tmp/... after the settings were checked: the run fails, nothing leaks. */
    @Test
    void aLinkSwappedInAfterTheCheckFailsTheRunAndNothingIsWrittenOutside(@TempDir Path root) throws Exception {
        Path outside = Files.createTempDirectory("dtaas-outside");
        try {
            Path out = Files.createDirectories(root.resolve("exports"));
            LocalFilesConnector files = new LocalFilesConnector(FileRoots.of(root));
            ConfigValues settings = ConfigValidator.validate(files.type(), Map.of("path", out.toString(),
                    "file_format", "csv"), "connection_config");
            files.validate(settings); // as when the connector was saved
            Files.delete(out);
            Files.createSymbolicLink(out, outside);
            // a run opens its destination with the stored settings: refused before anything is written
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FullLoadIT.load(new PostgresConnector(),
                            PostgresFixture.connectionConfig(PG_SRC), files, Map.of("path", out.toString(),
                                    "file_format", "csv"), Map.of("tables", List.of("typed")),
                            new InMemoryCheckpointStore(), RunControl.NONE))
                    .isInstanceOf(io.dtaas.error.ConfigError.class)
                    .hasMessageStartingWith("connection_config.path: ").hasMessageContaining("is a symbolic link");

            Files.delete(out);
            Files.createDirectories(out);
            List<io.dtaas.job.ProgressEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            ExecutionStatus status;
            try (Source source = new PostgresConnector().source(ConfigValidator.validate(new PostgresConnector().type(),
                    PostgresFixture.connectionConfig(PG_SRC), "c"));
                 io.dtaas.connect.Destination destination = files.destination(settings)) {
                Files.delete(out); // swapped while the run has its destination open
                Files.createSymbolicLink(out, outside);
                status = new FullLoad(source, destination, io.dtaas.job.TransferConfig.from(Map.of("tables",
                        List.of("typed"))), new FullLoad.TaskContext(42, "swap"), new InMemoryCheckpointStore(),
                        RunControl.NONE, new ProgressTracker(1, 42, events::add, java.time.Duration.ofMillis(50))).run();
            }
            assertThat(status).isEqualTo(ExecutionStatus.FAILED);
            assertThat(events.getLast().error()).contains("public.typed")
                    .contains("connection_config.path").contains("is a symbolic link");
            try (Stream<Path> leaked = Files.walk(outside)) {
                assertThat(leaked.filter(p -> !p.equals(outside))).isEmpty();
            }
        } finally {
            try (Stream<Path> all = Files.walk(outside)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void load(Connector from, Map<String, Object> fromCfg, Path root, Map<String, Object> files) {
        loadTo(from, fromCfg, new LocalFilesConnector(FileRoots.of(root)), files);
    }

    private static void loadTo(Connector from, Map<String, Object> fromCfg, Connector to, Map<String, Object> toCfg) {
        FullLoadIT.Run run = FullLoadIT.load(from, fromCfg, to, toCfg, Map.of("tables", List.of("typed"),
                "chunk_rows", 1000, "batch_size", 333), new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
    }

    /** DTaaS's part files in a folder, sorted. */
    private static List<Path> partFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-2")).sorted().toList();
        }
    }

    private static List<byte[]> read(List<Path> files) {
        return files.stream().map(p -> {
            try {
                return Files.readAllBytes(p);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<byte[]> localFiles(Path folder) throws Exception {
        return read(partFiles(folder));
    }

    /** The data objects under a prefix (the manifest's markers left out). */
    private static List<byte[]> s3Files(String prefix) {
        try (S3Client s3 = S3ServerFixture.client()) {
            return s3.listObjectsV2Paginator(r -> r.bucket("dtaas-it-fullload").prefix(prefix)).contents().stream()
                    .filter(o -> !o.key().contains("/.dtaas-manifest/"))
                    .map(o -> s3.getObjectAsBytes(r -> r.bucket("dtaas-it-fullload").key(o.key())).asByteArray())
                    .toList();
        }
    }

    private static void compare(Connector source, Map<String, Object> cfg, TableRef table, String format,
                                List<byte[]> files) throws Exception {
        compare(source, cfg, table, format, files, Files.createTempDirectory("dtaas-readback"));
    }

    /** Every source row, sorted by id, against every file row, sorted by id: each value in the format's form. */
    private static void compare(Connector source, Map<String, Object> cfg, TableRef table, String format,
                                List<byte[]> files, Path scratch) {
        try (Source s = source.source(ConfigValidator.validate(source.type(), cfg, "c"))) {
            TableSchema schema = s.describe(table);
            List<Object[]> expected = sourceRows(s, schema);
            List<List<Object>> actual = new ArrayList<>();
            for (byte[] file : files) {
                actual.addAll(switch (format) {
                    case "csv" -> {
                        List<List<String>> records = FileReadBack.csv(file);
                        yield records.subList(1, records.size()).stream()
                                .map(r -> (List<Object>) new ArrayList<Object>(r)).toList();
                    }
                    case "json" -> FileReadBack.jsonLines(file).stream().map(n -> jsonRow(n, schema)).toList();
                    default -> FileReadBack.parquet(file, scratch).rows().stream().map(g -> parquetRow(g, schema)).toList();
                });
            }
            actual.sort(Comparator.comparingLong(r -> Long.parseLong(String.valueOf(r.get(0)))));
            assertThat(actual).as(format + " row count").hasSize(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < schema.columns().size(); c++) {
                    Column column = schema.columns().get(c);
                    Object want = expectedValue(format, column.type().kind(), expected.get(r)[c]);
                    Object got = actual.get(r).get(c);
                    boolean same = want instanceof byte[] w && got instanceof byte[] g ? Arrays.equals(w, g)
                            : String.valueOf(want).equals(String.valueOf(got)) && (want == null) == (got == null);
                    assertThat(same).as(format + " " + table + " row id=" + expected.get(r)[0] + " column "
                            + column.name() + ": expected " + shorten(want) + " got " + shorten(got)).isTrue();
                }
            }
        }
    }

    private static List<Object[]> sourceRows(Source s, TableSchema schema) {
        List<Object[]> rows = new ArrayList<>();
        try (RowStream stream = s.read(schema, new Chunk(schema.table(), 0, 1, new ChunkBounds.WholeTable()))) {
            Batch b;
            while ((b = stream.next(1000)) != null) {
                rows.addAll(b.rows());
            }
        }
        rows.sort(Comparator.comparingLong(r -> ((Number) r[0]).longValue()));
        return rows;
    }

    /** CSV and JSON carry the canonical text (JSON numbers as numbers); Parquet the typed value. */
    private static Object expectedValue(String format, ColumnKind kind, Object value) {
        if (value == null) {
            return null;
        }
        if (format.equals("parquet")) {
            return switch (kind) {
                case BINARY -> value;
                case TIMESTAMP_TZ -> ((Instant) value).toString();
                case DECIMAL -> ((BigDecimal) value).toPlainString();
                default -> value.toString();
            };
        }
        return TextValues.of(kind, value);
    }

    private static List<Object> jsonRow(JsonNode node, TableSchema schema) {
        List<Object> row = new ArrayList<>();
        for (Column c : schema.columns()) {
            JsonNode v = node.get(c.name());
            if (v == null || v.isNull()) {
                row.add(null);
            } else if (v.isNumber() && c.type().kind() == ColumnKind.FLOAT32) {
                row.add(Float.toString(v.floatValue()));
            } else if (v.isNumber() && c.type().kind() == ColumnKind.FLOAT64) {
                row.add(Double.toString(v.doubleValue()));
            } else {
                row.add(v.asText());
            }
        }
        return row;
    }

    private static List<Object> parquetRow(Group g, TableSchema schema) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < schema.columns().size(); i++) {
            if (g.getFieldRepetitionCount(i) == 0) {
                row.add(null);
                continue;
            }
            LogicalTypeAnnotation logical = g.getType().getType(i).getLogicalTypeAnnotation();
            row.add(switch (schema.columns().get(i).type().kind()) {
                case BOOLEAN -> g.getBoolean(i, 0);
                case INT16, INT32 -> g.getInteger(i, 0);
                case INT64 -> g.getLong(i, 0);
                case FLOAT32 -> g.getFloat(i, 0);
                case FLOAT64 -> g.getDouble(i, 0);
                case DECIMAL -> logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                        ? new BigDecimal(new BigInteger(g.getBinary(i, 0).getBytes()), d.getScale()).toPlainString()
                        : g.getBinary(i, 0).toStringUsingUTF8();
                case BINARY -> g.getBinary(i, 0).getBytes();
                case DATE -> LocalDate.ofEpochDay(g.getInteger(i, 0));
                case TIME -> LocalTime.ofNanoOfDay(g.getLong(i, 0) * 1000);
                case TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv(g.getLong(i, 0), 1_000_000L),
                        (int) Math.floorMod(g.getLong(i, 0), 1_000_000L) * 1000, ZoneOffset.UTC);
                case TIMESTAMP_TZ -> Instant.EPOCH.plus(g.getLong(i, 0), java.time.temporal.ChronoUnit.MICROS);
                default -> g.getBinary(i, 0).toStringUsingUTF8();
            });
        }
        return row;
    }

    private static String shorten(Object v) {
        String s = v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
