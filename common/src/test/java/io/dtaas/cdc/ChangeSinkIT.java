package io.dtaas.cdc;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.connect.change.ChangeSink;
import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Destination;
import io.dtaas.connect.files.FileRoots;
import io.dtaas.connect.files.LocalFilesConnector;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.connect.s3.S3Connector;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.testing.FileReadBack;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The apply side of change data capture against real services, from a real PostgreSQL change stream:
 * soft deletes ({@code track_deletes}) on a PostgreSQL target, ADD/DROP COLUMN on the source mid-stream, and
 * change files on an S3 server (JSON lines) and in a local directory (Parquet) read back with their
 * {@code _op} sequence per key.
 */
class ChangeSinkIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final Pattern LSN = Pattern.compile("\\blsn=(\\d+)");

    @TempDir
    Path state;

    @Test
    void trackDeletesMarksDeletedRowsAndAReinsertRevivesThem() throws Exception {
        String dst = "dtaas_5b_td_dst";
        PostgresFixture.freshDatabase(dst);
        try (Destination d = postgresDestination(dst)) {
            trackDeletesScenario("dtaas_5b_td", d, new TableRef("public", "items"), sql -> rows(dst, sql),
                    "(extract(epoch from _dtaas_deleted_at) * 1000000)::bigint");
        }
    }

    @Test
    void trackDeletesIntoMariaDb() throws Exception {
        String dst = "dtaas_5b_td_m";
        MariaDbFixture.freshDatabase(dst);
        ConfigValues values = ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig(dst), "d");
        try (Destination d = new MysqlConnector().destination(values)) {
            trackDeletesScenario("dtaas_5b_tdm", d, new TableRef(dst, "items"), sql -> rows(MariaDbFixture.connect(dst), sql),
                    "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', _dtaas_deleted_at)");
        }
    }

    /** A query's rows as text on the target. */
    private interface TargetRows {
        List<String> of(String sql) throws Exception;
    }

    /**
     * @param epochMicros SQL for {@code _dtaas_deleted_at} as microseconds since the epoch (UTC)
     */
    private void trackDeletesScenario(String name, Destination d, TableRef target, TargetRows targetRows,
                                      String epochMicros) throws Exception {
        String src = name + "_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int)");
        TableRef table = new TableRef("public", "items");
        Instant before = Instant.now().minusSeconds(1);
        try {
            ChangeSink sink = ChangeSinks.of(d, Map.of(table, describe(src, table)), Map.of(), null, t -> target, true);
            sink.prepare();
            try (ChangeStream s = start(src, name, table, sink, changes -> { })) {
                awaitStreaming(src, "items", "(0, 's', 0)", () -> targetRows.of("SELECT id FROM items"), s);
                PostgresFixture.execute(src,
                        "INSERT INTO items VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)",
                        "DELETE FROM items WHERE id = 2",
                        "UPDATE items SET name = 'c2' WHERE id = 3",
                        "DELETE FROM items WHERE id = 1",
                        "INSERT INTO items VALUES (1, 'a again', 10)",
                        "DELETE FROM items WHERE id = 3",
                        "INSERT INTO items VALUES (4, 'd', 4)",
                        "DELETE FROM items WHERE id = 4");
                String query = "SELECT id, name, qty, CASE WHEN _dtaas_deleted THEN 'deleted' ELSE 'alive' END,"
                        + " CASE WHEN _dtaas_deleted_at IS NULL THEN 'no time' ELSE 'time' END FROM items"
                        + " WHERE id > 0 ORDER BY id";
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(targetRows.of(query)).containsExactly(
                                "1|a again|10|alive|no time",
                                "2|b|2|deleted|time",
                                "3|c2|3|deleted|time",
                                "4|d|4|deleted|time"));
                Instant after = Instant.now().plusSeconds(1);
                List<String> times = targetRows.of("SELECT " + epochMicros + " FROM items WHERE id > 1");
                assertThat(times).hasSize(3).allSatisfy(micros -> assertThat(Instant.EPOCH.plus(
                        Long.parseLong(micros), java.time.temporal.ChronoUnit.MICROS)).isBetween(before, after));
                assertThat(s.outcome()).isNotDone();
            }
        } finally {
            dropSlot(name);
        }
    }

    @Test
    void addColumnMidStreamReachesTheTargetAndADroppedColumnStaysNullable() throws Exception {
        String src = "dtaas_5b_se_src";
        String dst = "dtaas_5b_se_dst";
        String stream = "dtaas_5b_se";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, gone text NOT NULL)");
        TableRef table = new TableRef("public", "items");
        try (Destination d = postgresDestination(dst)) {
            ChangeSink sink = ChangeSinks.of(d, Map.of(table, describe(src, table)), Map.of(), null, t -> t, false);
            sink.prepare();
            try (ChangeStream s = start(src, stream, table, sink, changes -> { })) {
                awaitStreaming(src, "items", "(0, 's', 's')", () -> rows(dst, "SELECT id FROM public.items"), s);
                PostgresFixture.execute(src, "INSERT INTO items VALUES (1, 'a', 'g1')");
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(rows(dst, "SELECT id, name, gone FROM public.items WHERE id > 0 ORDER BY id"))
                                .containsExactly("1|a|g1"));

                PostgresFixture.execute(src,
                        "ALTER TABLE items ADD COLUMN extra numeric(10,2)",
                        "INSERT INTO items VALUES (2, 'b', 'g2', 20.50)",
                        "UPDATE items SET extra = 10.25 WHERE id = 1");
                String all = "SELECT id, name, gone, extra FROM public.items WHERE id > 0 ORDER BY id";
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(rows(dst, all)).containsExactly("1|a|g1|10.25", "2|b|g2|20.50"));

                PostgresFixture.execute(src,
                        "ALTER TABLE items DROP COLUMN gone",
                        "INSERT INTO items VALUES (3, 'c', 30)",
                        "UPDATE items SET name = 'b2' WHERE id = 2");
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(rows(dst, all)).containsExactly("1|a|g1|10.25", "2|b2|null|20.50", "3|c|null|30.00"));
                assertThat(rows(dst, "SELECT column_name, is_nullable, data_type FROM information_schema.columns "
                        + "WHERE table_name = 'items' ORDER BY ordinal_position")).containsExactly(
                        "id|NO|bigint", "name|NO|text", "gone|YES|text", "extra|YES|numeric");
                assertThat(s.outcome()).isNotDone();
            }
        } finally {
            dropSlot(stream);
        }
    }

    @Test
    void s3ChangeFilesCarryEveryChangeInOrderAndAReplayedBatchReplacesItsFile() throws Exception {
        String bucket = "dtaas-5b-changes";
        S3ServerFixture.createBucket(bucket);
        Map<String, Object> config = S3ServerFixture.connectionConfig(bucket);
        config.put("prefix", "cdc-" + System.nanoTime());
        config.put("file_format", "json");
        config.put("compression", "none");
        config.put("partition_by_load_date", true);
        ConfigValues values = ConfigValidator.validate(S3Connector.TYPE, config, "d");
        String prefix = (String) config.get("prefix") + "/";
        try (S3Client s3 = S3ServerFixture.client()) {
            FileStore files = new FileStore() {
                @Override
                public List<String> keys() {
                    return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                            .map(S3Object::key).filter(k -> !k.contains("/.dtaas-manifest/")).sorted().toList();
                }

                @Override
                public List<Map<String, String>> rows(String key) {
                    List<Map<String, String>> rows = new ArrayList<>();
                    for (JsonNode n : FileReadBack.jsonLines(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray())) {
                        Map<String, String> row = new LinkedHashMap<>();
                        n.properties().forEach(f -> row.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
                        rows.add(row);
                    }
                    return rows;
                }
            };
            changeFileScenario(new S3Connector().destination(values), "dtaas_5b_s3", files, prefix, ".jsonl");
        }
    }

    @Test
    void localParquetChangeFilesCarryEveryChangeInOrder() throws Exception {
        Path dir = state.resolve("files");
        Map<String, Object> config = new HashMap<>();
        config.put("path", dir.toString());
        config.put("file_format", "parquet");
        config.put("partition_by_load_date", true);
        LocalFilesConnector localFiles = new LocalFilesConnector(FileRoots.of(state));
        ConfigValues values = ConfigValidator.validate(localFiles.type(), config, "d");
        FileStore files = new FileStore() {
            @Override
            public List<String> keys() throws Exception {
                if (!Files.exists(dir)) {
                    return List.of();
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                            .filter(k -> !k.substring(k.lastIndexOf('/') + 1).startsWith("."))
                            .filter(k -> !k.contains(".dtaas-manifest/")).sorted().toList();
                }
            }

            @Override
            public List<Map<String, String>> rows(String key) throws Exception {
                List<Map<String, String>> rows = new ArrayList<>();
                for (Group g : FileReadBack.parquet(Files.readAllBytes(dir.resolve(key)), state).rows()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (String f : List.of("id", "v", "_op", "_position")) {
                        row.put(f, g.getFieldRepetitionCount(f) == 0 ? null
                                : f.equals("id") ? Long.toString(g.getLong(f, 0)) : g.getString(f, 0));
                    }
                    row.put("_source_ts", g.getFieldRepetitionCount("_source_ts") == 0 ? null : "set");
                    rows.add(row);
                }
                return rows;
            }
        };
        changeFileScenario(localFiles.destination(values), "dtaas_5b_lf", files, "", ".parquet");
    }

    @Test
    void aTableWithoutAKeyIsRefusedForDatabaseTargetsAndLoggedToFiles() throws Exception {
        String src = "dtaas_5b_nk_src";
        String dst = "dtaas_5b_nk_dst";
        String stream = "dtaas_5b_nk";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE log (id int, v text)", "ALTER TABLE log REPLICA IDENTITY FULL");
        TableRef table = new TableRef("public", "log");
        TableSchema schema = describe(src, table);
        try (Destination d = postgresDestination(dst)) {
            assertThatThrownBy(() -> ChangeSinks.of(d, Map.of(table, schema), Map.of(), null, t -> t, false).prepare())
                    .isInstanceOf(ConfigError.class)
                    .hasMessageContaining("config.tables")
                    .hasMessageContaining("table public.log has no primary key");
        }

        Path dir = state.resolve("nokey");
        Map<String, Object> config = new HashMap<>();
        config.put("path", dir.toString());
        config.put("file_format", "json");
        config.put("compression", "none");
        LocalFilesConnector localFiles = new LocalFilesConnector(FileRoots.of(state));
        ConfigValues values = ConfigValidator.validate(localFiles.type(), config, "d");
        FileStore files = localFileStore(dir, bytes -> {
            List<Map<String, String>> rows = new ArrayList<>();
            for (JsonNode n : FileReadBack.jsonLines(bytes)) {
                Map<String, String> row = new LinkedHashMap<>();
                n.properties().forEach(f -> row.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
                rows.add(row);
            }
            return rows;
        });
        try (Destination d = localFiles.destination(values)) {
            ChangeSink sink = ChangeSinks.of(d, Map.of(table, schema), Map.of(), null, t -> t, false);
            sink.prepare();
            try (ChangeStream s = start(src, stream, table, sink, changes -> { })) {
                awaitStreaming(src, "log", "(0, 's')", () -> allRows(files).stream().map(r -> r.get("id")).toList(), s);
                PostgresFixture.execute(src, "INSERT INTO log VALUES (1, 'a')", "UPDATE log SET v = 'b' WHERE id = 1",
                        "DELETE FROM log WHERE id = 1");
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    List<Map<String, String>> rows = new ArrayList<>(allRows(files).stream()
                            .filter(r -> "1".equals(r.get("id"))).toList());
                    rows.sort(Comparator.comparingLong(ChangeSinkIT::lsn));
                    // the whole old row (REPLICA IDENTITY FULL) comes with a keyless delete
                    assertThat(rows.stream().map(r -> r.get("_op") + ":" + r.get("v")).toList())
                            .containsExactly("I:a", "U:b", "D:b");
                });
                assertThat(files.keys()).allSatisfy(k -> assertThat(k).startsWith("public/log/changes-"));
            }
        } finally {
            dropSlot(stream);
        }
    }

    /**
     * Issue 16 item 6 in change files: an UPDATE that leaves TOASTed columns alone (no {@code REPLICA IDENTITY FULL})
     * writes them empty and names them in {@code _dtaas_unchanged}; inserts and updates that carry every column
     * leave it empty. In each file format, read back.
     */
    @Test
    void unchangedLargeValuesAreMarkedInJsonChangeFiles() throws Exception {
        unchangedLargeValuesScenario("json", "dtaas_h16u_tj");
    }

    @Test
    void unchangedLargeValuesAreMarkedInCsvChangeFiles() throws Exception {
        unchangedLargeValuesScenario("csv", "dtaas_h16u_tc");
    }

    @Test
    void unchangedLargeValuesAreMarkedInParquetChangeFiles() throws Exception {
        unchangedLargeValuesScenario("parquet", "dtaas_h16u_tp");
    }

    private void unchangedLargeValuesScenario(String format, String name) throws Exception {
        String src = name + "_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE docs (id int PRIMARY KEY, n int, big text, doc jsonb)");
        TableRef table = new TableRef("public", "docs");
        Path dir = state.resolve(name);
        Map<String, Object> config = new HashMap<>();
        config.put("path", dir.toString());
        config.put("file_format", format);
        config.put("compression", "none");
        LocalFilesConnector localFiles = new LocalFilesConnector(FileRoots.of(state));
        FileStore files = localFileStore(dir, bytes -> unchangedRows(format, bytes));
        // random text does not compress: stored out of line (TOASTed), so an UPDATE not touching it omits it
        String large = "(SELECT string_agg(md5(random()::text || g), '') FROM generate_series(1, 300) g)";
        try (Destination d = localFiles.destination(ConfigValidator.validate(localFiles.type(), config, "d"))) {
            ChangeSink sink = ChangeSinks.of(d, Map.of(table, describe(src, table)), Map.of(), null, t -> t, false);
            sink.prepare();
            try (ChangeStream s = start(src, name, table, sink, changes -> { })) {
                awaitStreaming(src, "docs", "(0, 0, 'x', '{}')", () -> allRows(files).stream().map(r -> r.get("id")).toList(), s);
                PostgresFixture.execute(src,
                        "INSERT INTO docs SELECT g, g, " + large + ", jsonb_build_object('k', " + large + ") FROM generate_series(1, 3) g",
                        "UPDATE docs SET n = n + 100 WHERE id IN (1, 2)",
                        "UPDATE docs SET n = n + 1000, big = 'small now' WHERE id = 3",
                        "UPDATE docs SET n = n + 100 WHERE id = 3");
                List<String> bigs = rows(src, "SELECT md5(big) FROM docs WHERE id IN (1, 2) ORDER BY id");
                List<String> expected = List.of(
                        "1|I|1|" + "md5:" + "|doc|null", "1|U|101|null|null|[\"big\",\"doc\"]",
                        "2|I|2|md5:|doc|null", "2|U|102|null|null|[\"big\",\"doc\"]",
                        "3|I|3|md5:|doc|null", "3|U|1003|small now|null|[\"doc\"]",
                        // a small value is stored inline and always logged: only the TOASTed jsonb is left out
                        "3|U|1103|small now|null|[\"doc\"]");
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    List<Map<String, String>> rows = new ArrayList<>(allRows(files).stream()
                            .filter(r -> !"0".equals(r.get("id"))).toList());
                    rows.sort(Comparator.comparingLong(ChangeSinkIT::lsn));
                    rows.sort(Comparator.comparing(r -> r.get("id"))); // stable: per key in log order
                    List<String> seen = new ArrayList<>();
                    for (Map<String, String> r : rows) {
                        String big = r.get("big");
                        seen.add(r.get("id") + "|" + r.get("_op") + "|" + r.get("n") + "|"
                                + (big != null && big.length() > 1000 ? "md5:" : big) + "|"
                                + (r.get("doc") == null ? null : "doc") + "|" + r.get("_dtaas_unchanged"));
                    }
                    assertThat(seen).containsExactlyElementsOf(expected);
                    // the inserted large values arrive whole
                    List<String> inserted = rows.stream().filter(r -> "I".equals(r.get("_op")) && !"3".equals(r.get("id")))
                            .map(r -> md5(r.get("big"))).toList();
                    assertThat(inserted).isEqualTo(bigs);
                });
            }
        } finally {
            dropSlot(name);
        }
    }

    /** A change file's rows as text by column (null for an empty value), whatever its format. */
    private List<Map<String, String>> unchangedRows(String format, byte[] bytes) {
        List<String> columns = List.of("id", "n", "big", "doc", "_op", "_position", "_dtaas_unchanged");
        List<Map<String, String>> rows = new ArrayList<>();
        switch (format) {
            case "json" -> {
                for (JsonNode n : FileReadBack.jsonLines(bytes)) {
                    Map<String, String> row = new LinkedHashMap<>();
                    n.properties().forEach(f -> row.put(f.getKey(), f.getValue().isNull() ? null
                            : f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
                    assertThat(row.keySet()).containsAll(columns);
                    rows.add(row);
                }
            }
            case "csv" -> {
                List<List<String>> records = FileReadBack.csv(bytes);
                List<String> header = records.getFirst();
                assertThat(header).containsAll(columns);
                for (List<String> record : records.subList(1, records.size())) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        String value = record.get(i); // an empty unquoted field reads as null
                        row.put(header.get(i), value == null || value.isEmpty() ? null : value);
                    }
                    rows.add(row);
                }
            }
            default -> {
                for (Group g : FileReadBack.parquet(bytes, state).rows()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (String f : columns) {
                        row.put(f, g.getFieldRepetitionCount(f) == 0 ? null
                                : f.equals("id") || f.equals("n") ? Long.toString(g.getType().getType(f)
                                        .asPrimitiveType().getPrimitiveTypeName().name().equals("INT32")
                                        ? g.getInteger(f, 0) : g.getLong(f, 0))
                                : g.getString(f, 0));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a scenario's change files are read back from. */
    private interface FileStore {
        List<String> keys() throws Exception;

        List<Map<String, String>> rows(String key) throws Exception;
    }

    /** The change files under a local directory (staging and manifest files aside), each read by {@code reader}. */
    private static FileStore localFileStore(Path dir, java.util.function.Function<byte[], List<Map<String, String>>> reader) {
        return new FileStore() {
            @Override
            public List<String> keys() throws Exception {
                if (!Files.exists(dir)) {
                    return List.of();
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                            .filter(k -> !k.substring(k.lastIndexOf('/') + 1).startsWith("."))
                            .filter(k -> !k.contains(".dtaas-manifest/")).sorted().toList();
                }
            }

            @Override
            public List<Map<String, String>> rows(String key) throws Exception {
                return reader.apply(Files.readAllBytes(dir.resolve(key)));
            }
        };
    }

    private void changeFileScenario(Destination destination, String name, FileStore files, String prefix,
                                    String extension) throws Exception {
        String src = name + "_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE events (id bigint PRIMARY KEY, v text NOT NULL)");
        TableRef table = new TableRef("public", "events");
        List<List<ChangeEvent>> batches = new CopyOnWriteArrayList<>();
        try (Destination d = destination) {
            ChangeSink sink = ChangeSinks.of(d, Map.of(table, describe(src, table)), Map.of(), null, t -> t, false);
            sink.prepare();
            try (ChangeStream s = start(src, name, table, sink, batches::add)) {
                awaitStreaming(src, "events", "(0, 's')", () -> allRows(files).stream().map(r -> r.get("id")).toList(), s);
                batches.clear();
                List<String> before = files.keys();
                PostgresFixture.execute(src,
                        "INSERT INTO events VALUES (1, 'a'), (2, 'b')",
                        "UPDATE events SET v = 'a2' WHERE id = 1",
                        "DELETE FROM events WHERE id = 2",
                        "UPDATE events SET v = 'a3' WHERE id = 1",
                        "DELETE FROM events WHERE id = 1",
                        "INSERT INTO events VALUES (2, 'b again')");
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(batches.stream().flatMap(List::stream)
                                .filter(e -> !Long.valueOf(0).equals(e.values().get("id"))).count()).isEqualTo(7));
                Map<String, List<String>> byKey = new LinkedHashMap<>();
                List<Map<String, String>> rows = allRows(files);
                rows.sort(Comparator.comparingLong(ChangeSinkIT::lsn));
                for (Map<String, String> r : rows) {
                    if (!"0".equals(r.get("id"))) {
                        byKey.computeIfAbsent(r.get("id"), k -> new ArrayList<>()).add(r.get("_op") + ":" + r.get("v"));
                        assertThat(r.get("_source_ts")).isNotNull();
                    }
                }
                assertThat(byKey).containsExactly(
                        Map.entry("1", List.of("I:a", "U:a2", "U:a3", "D:null")),
                        Map.entry("2", List.of("I:b", "D:null", "I:b again")));
                String folder = prefix + "public/events/load_date=" + LocalDate.now(ZoneOffset.UTC) + "/";
                assertThat(files.keys()).allSatisfy(k -> assertThat(k).startsWith(folder).endsWith(extension)
                        .matches(".*/changes-\\d{8}T\\d{9}Z-[0-9a-f]{16}\\..*"));

                // a batch replayed after a crash (offset not committed) replaces its own file: no second file
                List<String> keys = files.keys();
                Map<String, List<Map<String, String>>> contents = new LinkedHashMap<>();
                for (String k : keys) {
                    contents.put(k, files.rows(k));
                }
                assertThat(keys).hasSizeGreaterThan(before.size());
                for (List<ChangeEvent> batch : batches) {
                    sink.apply(batch);
                }
                assertThat(files.keys()).isEqualTo(keys);
                for (String k : keys) {
                    assertThat(files.rows(k)).isEqualTo(contents.get(k));
                }
                assertThat(s.outcome()).isNotDone();
            }
        } finally {
            dropSlot(name);
        }
    }

    private static List<Map<String, String>> allRows(FileStore files) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String k : files.keys()) {
            rows.addAll(files.rows(k));
        }
        return rows;
    }

    private static long lsn(Map<String, String> row) {
        Matcher m = LSN.matcher(row.get("_position"));
        assertThat(m.find()).as("an lsn in " + row.get("_position")).isTrue();
        return Long.parseLong(m.group(1));
    }

    private ChangeStream start(String src, String streamId, TableRef table, ChangeSink sink,
                               ChangeStream.Listener listener) throws Exception {
        dropSlot(streamId);
        ConfigValues source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(src), "s");
        CapturePlan plan = new CapturePlan(streamId, List.of(table), state.resolve(streamId + "-offsets.dat"),
                state.resolve(streamId + "-history.dat"), 500, 50);
        ChangeStream stream = new ChangeStream(DebeziumProperties.of(SourceCapture.of(new io.dtaas.connect.postgres.PostgresConnector()), source, plan),
                Map.of(table, describe(src, table)), sink, listener);
        stream.start();
        return stream;
    }

    /**
     * (Re-)inserts the sentinel row 0 until it shows downstream: from then on the stream follows every change.
     *
     * @param row the sentinel's values
     */
    private static void awaitStreaming(String src, String table, String row, Callable<List<String>> ids,
                                       ChangeStream stream) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (stream.outcome().isDone()) {
                throw new AssertionError("the change stream stopped", stream.outcome().get());
            }
            PostgresFixture.execute(src, "DELETE FROM " + table + " WHERE id = 0",
                    "INSERT INTO " + table + " VALUES " + row);
            return ids.call().contains("0");
        });
    }

    private static TableSchema describe(String db, TableRef table) throws Exception {
        ConfigValues source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(db), "s");
        try (var s = new PostgresConnector().source(source)) {
            return s.describe(table);
        }
    }

    private static Destination postgresDestination(String db) {
        return new PostgresConnector().destination(
                ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(db), "d"));
    }

    private static List<String> rows(String db, String query) throws SQLException {
        return rows(PostgresFixture.connect(db), query);
    }

    private static List<String> rows(Connection connection, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.append(i > 1 ? "|" : "").append(v instanceof java.math.BigDecimal b ? b.toPlainString()
                            : v instanceof java.sql.Timestamp t ? t.toInstant().toString() : v);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void dropSlot(String name) throws SQLException {
        try (Connection c = PostgresFixture.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + name + "'");
        }
    }
}
