package io.dtaas.controlplane.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code local_files} through the running application and its real engine: paths outside the file roots are
 * refused when saved, changed or tested, a link swapped in after saving fails the run without writing outside,
 * appends add each run's files and overwrites delete only what DTaaS published, with the data exact.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class LocalFilesApiIT {

    private static final String SRC = "dtaas_cp_files_src";
    private static final int ROWS = 2500;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private Path root;
    private Path outside;

    @BeforeAll
    static void source() throws Exception {
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.execute(SRC, "CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'item, \"' || g || '\"' END"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric(10,2))",
                "INSERT INTO sales SELECT g, (ARRAY['EU', '../../outside', '..', 'a/b', NULL, 'k=v %'])[g % 6 + 1],"
                        + " g * 1.25 FROM generate_series(1, 1200) g");
    }

    @BeforeEach
    void places() throws IOException {
        root = FilesRoot.path();
        outside = Files.createTempDirectory("dtaas-outside");
    }

    @AfterEach
    void cleanOutside() throws IOException {
        try (Stream<Path> all = Files.walk(outside)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void pathsOutsideTheRootsAreRefusedWhenSavedChangedOrTestedAndNothingIsStored() throws IOException {
        Path dir = FilesRoot.newDirectory("dtaas-cp-attack");
        Files.createSymbolicLink(dir.resolve("out-link"), outside);
        List<String> attacks = List.of("/", "/etc", "/home", "/root/.ssh", "/tmp", outside.toString(),
                root + "/../x", dir + "/x/../../../etc", dir + "/./x", root + "-other", root + "-other/x",
                dir + "/out-link", dir + "/out-link/deeper", "/{{run_date}}", "/etc/{{run_date}}", "exports", "~/x");
        long kept = Api.create(Api.connector("files kept " + System.nanoTime(), "destination", "local_files",
                Map.of("path", dir.resolve("ok").toString())));
        int before = when().get("/api/connectors").then().extract().jsonPath().getList("id").size();
        for (String attack : attacks) {
            Map<String, Object> config = Map.of("path", attack, "file_format", "csv");
            for (var answer : List.of(
                    Api.post("/api/connectors", Api.connector("attack " + System.nanoTime(), "destination",
                            "local_files", config)),
                    Api.post("/api/connectors/test", Map.of("connector_type", "destination",
                            "destination_type", "local_files", "connection_config", config)),
                    Api.put("/api/connectors/" + kept, Map.of("connection_config", config)))) {
                answer.statusCode(422)
                        .body("errors.field", everyItem(equalTo("connection_config.path")))
                        .body("errors.message", hasItem(anyOf(
                                containsString("outside the directories DTaaS may write to: [" + root + "]"),
                                containsString("must not contain '.' or '..' names"),
                                containsString("is a symbolic link; DTaaS follows no links below its root"),
                                containsString("must be an absolute path inside [" + root + "]"))));
            }
        }
        assertThat(when().get("/api/connectors").then().extract().jsonPath().getList("id")).hasSize(before);
        when().get("/api/connectors/" + kept).then().body("connection_config.path", equalTo(dir.resolve("ok").toString()));
        try (Stream<Path> left = Files.list(outside)) {
            assertThat(left).isEmpty();
        }
        assertThat(when().get("/api/connector-types").then().extract().jsonPath()
                .getString("find { it.id == 'local_files' }.fields.find { it.name == 'path' }.description"))
                .contains("inside " + root);
    }

    @Test
    void aLinkSwappedInAfterSavingFailsTheRunAndNothingIsWrittenOutside() throws IOException {
        Path exports = Files.createDirectories(FilesRoot.newDirectory("dtaas-cp-swap").resolve("exports"));
        long files = Api.create(Api.connector("files swap " + System.nanoTime(), "destination", "local_files",
                Map.of("path", exports.toString(), "file_format", "csv")));
        long task = TaskApi.createTask(TaskApi.task("swap " + System.nanoTime(), TaskApi.pgConnector("source", SRC),
                files, List.of("items")));
        Files.delete(exports);
        Files.createSymbolicLink(exports, outside);

        when().post("/api/connectors/" + files + "/test").then().statusCode(200)
                .body("success", equalTo(false)).body("message", containsString("is a symbolic link"));
        JsonPath failed = awaitFinal(TaskApi.start(task));
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error_message")).contains("connection_config.path").contains("is a symbolic link");
        try (Stream<Path> left = Files.list(outside)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void appendAddsEachRunsFilesAndOverwriteReplacesOnlyDtaasFilesWithTheDataExact() throws Exception {
        Path dir = FilesRoot.newDirectory("dtaas-cp-modes");
        long files = Api.create(Api.connector("files modes " + System.nanoTime(), "destination", "local_files",
                Map.of("path", dir.toString(), "file_format", "json", "compression", "none",
                        "partition_by_load_date", true)));
        long source = TaskApi.pgConnector("source", SRC);
        long append = TaskApi.createTask(task("append", source, files, "append"));
        Path folder = dir.resolve("public/items/load_date=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC));

        assertThat(awaitFinal(TaskApi.start(append)).getString("status")).isEqualTo("completed");
        List<Path> first = parts(folder);
        assertThat(first).hasSize(3);
        assertThat(awaitFinal(TaskApi.start(append)).getString("status")).isEqualTo("completed");
        List<Path> both = parts(folder);
        assertThat(both).hasSize(6).containsAll(first);
        List<String> expected = sourceRows();
        List<String> twice = new ArrayList<>(expected);
        twice.addAll(expected);
        twice.sort(null);
        assertThat(rows(both)).isEqualTo(twice);

        Path foreign = Files.writeString(folder.resolve("part-00000-000.jsonl"), "{\"id\":999,\"name\":\"theirs\"}\n");
        Path notes = Files.createDirectories(dir.resolve("public/items/notes"));
        Files.writeString(notes.resolve("readme.txt"), "keep");
        long overwrite = TaskApi.createTask(task("overwrite", source, files, "overwrite"));
        assertThat(awaitFinal(TaskApi.start(overwrite)).getString("status")).isEqualTo("completed");
        List<Path> now = parts(folder);
        assertThat(now).hasSize(3).doesNotContainAnyElementsOf(both);
        assertThat(rows(now)).isEqualTo(expected);
        assertThat(foreign).hasContent("{\"id\":999,\"name\":\"theirs\"}");
        assertThat(notes.resolve("readme.txt")).hasContent("keep");
    }

    @Test
    void aTasksOwnPartitionsAndFileNamesAreCheckedAtSaveAndWriteEveryRowOnceInsideTheTablesFolder() throws Exception {
        Path dir = FilesRoot.newDirectory("dtaas-cp-partitions");
        long files = Api.create(Api.connector("files partitions " + System.nanoTime(), "destination", "local_files",
                Map.of("path", dir.toString(), "file_format", "json", "compression", "none")));
        long source = TaskApi.pgConnector("source", SRC);
        long database = TaskApi.pgConnector("destination", SRC);
        refused(partitioned(source, files, "append", null, "{table}-{chunk}.{ext}"), "config.file_name_template",
                "must contain {run}");
        refused(partitioned(source, files, "overwrite", null, "{table}-{rows}.{ext}"), "config.file_name_template",
                "unknown placeholder {rows}");
        refused(partitioned(source, files, "overwrite", List.of("region"), "{table}-{run}-{chunk}.{ext}"),
                "config.file_name_template", "must contain {part}");
        refused(partitioned(source, database, "overwrite", List.of("region"), null), "config.partition_by",
                "only file destinations");

        long task = TaskApi.createTask(partitioned(source, files, "overwrite", List.of("region"),
                "{table}_{date}_{chunk}-{part}.{ext}"));
        for (int run = 0; run < 2; run++) {
            assertThat(awaitFinal(TaskApi.start(task)).getString("status")).isEqualTo("completed");
        }
        Path table = dir.resolve("public/sales");
        List<Path> written;
        try (Stream<Path> all = Files.walk(dir)) {
            written = all.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.dtaas-manifest/")).toList();
        }
        assertThat(written).isNotEmpty().allSatisfy(p -> assertThat(p.normalize()).startsWith(table)
                .matches(f -> f.getParent().getParent().equals(table))
                .matches(f -> f.getFileName().toString().matches("sales_\\d{4}-\\d{2}-\\d{2}_0000\\d-000\\.jsonl")));
        ObjectMapper json = new ObjectMapper();
        List<String> back = new ArrayList<>();
        for (Path f : written) {
            String folder = f.getParent().getFileName().toString();
            for (String line : Files.readAllLines(f)) {
                JsonNode n = json.readTree(line);
                String region = n.get("region").isNull() ? "<null>" : n.get("region").asText();
                assertThat(java.net.URLDecoder.decode(folder.substring("region=".length()), "UTF-8"))
                        .isEqualTo(region.equals("<null>") ? "__HIVE_DEFAULT_PARTITION__" : region);
                back.add(n.get("id").asInt() + "|" + region + "|" + plain(n.get("amount").asText()));
            }
        }
        back.sort(null);
        List<String> expected = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(SRC); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, coalesce(region, '<null>'), amount FROM sales")) {
            while (rs.next()) {
                expected.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + plain(rs.getString(3)));
            }
        }
        expected.sort(null);
        assertThat(back).as("the second overwrite replaced the first run's files of the same names").hasSize(1200)
                .isEqualTo(expected);
    }

    private static Map<String, Object> partitioned(long source, long destination, String mode, List<String> columns,
                                                   String names) {
        Map<String, Object> body = TaskApi.task("partitions " + System.nanoTime(), source, destination, List.of("sales"));
        Map<String, Object> config = new HashMap<>(Map.of("tables", List.of("sales"), "chunk_rows", 1000,
                "write_mode", mode));
        if (columns != null) {
            config.put("partition_by", columns);
        }
        if (names != null) {
            config.put("file_name_template", names);
        }
        body.put("config", config);
        return body;
    }

    /** A decimal's value whatever its scale or notation. */
    private static String plain(String decimal) {
        return new java.math.BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    private static void refused(Map<String, Object> task, String field, String message) {
        Api.post("/api/tasks", task).statusCode(422)
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    private static Map<String, Object> task(String name, long source, long destination, String mode) {
        Map<String, Object> body = TaskApi.task(name + " " + System.nanoTime(), source, destination, List.of("items"));
        body.put("config", new HashMap<>(Map.of("tables", List.of("items"), "chunk_rows", 1000, "write_mode", mode)));
        return body;
    }

    /** DTaaS's part files in a folder (names starting with a run's date), sorted. */
    private static List<Path> parts(Path folder) throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(p -> p.getFileName().toString().matches("part-\\d{8}T.*\\.jsonl")).sorted().toList();
        }
    }

    /** Every JSON line as {@code id|name} (NULL as {@code <null>}), sorted. */
    private static List<String> rows(List<Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> rows = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                JsonNode n = json.readTree(line);
                assertThat(n.properties()).hasSize(2);
                rows.add(n.get("id").asInt() + "|" + (n.get("name").isNull() ? "<null>" : n.get("name").asText()));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static List<String> sourceRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(SRC); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name FROM items")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + (rs.getString(2) == null ? "<null>" : rs.getString(2)));
            }
        }
        rows.sort(null);
        assertThat(rows).hasSize(ROWS);
        return rows;
    }

    private static JsonPath awaitFinal(long execution) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                List.of("completed", "failed", "stopped", "paused").contains(TaskApi.execution(execution).getString("status")));
        return TaskApi.execution(execution);
    }
}
