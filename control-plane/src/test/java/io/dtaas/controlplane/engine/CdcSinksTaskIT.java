package io.dtaas.controlplane.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code cdc} tasks through the API into the other sinks: a PostgreSQL target with {@code track_deletes}
 * while the source gains a column mid-stream, and a local directory that receives change files.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class CdcSinksTaskIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern LSN = Pattern.compile("\\blsn=(\\d+)");

    @Test
    void trackDeletesAndAnAddedColumnThroughATask() throws Exception {
        String src = "dtaas_5b_cp_td_src";
        String dst = "dtaas_5b_cp_td_dst";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
        long task = TaskApi.createTask(Map.of("name", "cdc td " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", TaskApi.pgConnector("destination", dst),
                "mode", "cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("items"), "cdc_poll_interval", 1, "track_deletes", true)));
        long execution = startFollowing(task, src, "(0, 's')", () -> rows(dst, "SELECT id FROM items WHERE id = 0"));
        try {
            PostgresFixture.execute(src, "INSERT INTO items VALUES (1, 'a'), (2, 'b')",
                    "DELETE FROM items WHERE id = 2",
                    "ALTER TABLE items ADD COLUMN qty int",
                    "INSERT INTO items VALUES (3, 'c', 30)",
                    "UPDATE items SET qty = 10 WHERE id = 1",
                    "DELETE FROM items WHERE id = 3",
                    "INSERT INTO items VALUES (2, 'b again', 20)");
            // qty exists downstream only once the stream met the new shape
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                    assertThat(rows(dst, "SELECT id, name, qty, _dtaas_deleted, _dtaas_deleted_at IS NOT NULL"
                            + " FROM items WHERE id > 0 ORDER BY id")).containsExactly(
                            "1|a|10|false|false", "2|b again|20|false|false", "3|c|30|true|true"));
            TaskApi.action(task, "stop").statusCode(202);
            TaskApi.awaitExecution(execution, "stopped");
        } finally {
            dropSlot(CdcRun.streamId(task));
        }
    }

    @Test
    void changeFilesInALocalDirectoryThroughATask() throws Exception {
        String src = "dtaas_5b_cp_lf_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
        Path dir = FilesRoot.newDirectory("dtaas-5b-cdc-files");
        long files = TaskApi.jsonFilesConnector(dir);
        long task = TaskApi.createTask(Map.of("name", "cdc files " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", files,
                "mode", "cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("items"), "cdc_poll_interval", 1)));
        long execution = startFollowing(task, src, "(0, 's')", () -> changes(dir, "0"));
        try {
            PostgresFixture.execute(src, "INSERT INTO items VALUES (1, 'a')", "UPDATE items SET name = 'a2' WHERE id = 1",
                    "DELETE FROM items WHERE id = 1", "INSERT INTO items VALUES (1, 'a3')");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(changes(dir, "1")).containsExactly("I:a", "U:a2", "D:null", "I:a3"));
            TaskApi.action(task, "stop").statusCode(202);
            TaskApi.awaitExecution(execution, "stopped");
        } finally {
            dropSlot(CdcRun.streamId(task));
        }
    }

    /** Starts the task and (re-)inserts the sentinel row 0 until it shows downstream. */
    private static long startFollowing(long task, String src, String sentinel,
                                       java.util.concurrent.Callable<List<String>> seen) throws Exception {
        dropSlot(CdcRun.streamId(task));
        deleteState(task); // task ids restart with each test run's fresh metadata database
        long execution = TaskApi.start(task);
        TaskApi.awaitExecution(execution, "running");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            PostgresFixture.execute(src, "DELETE FROM items WHERE id = 0", "INSERT INTO items VALUES " + sentinel);
            return !seen.call().isEmpty();
        });
        return execution;
    }

    /** The key's changes across every change file, in source (LSN) order, as {@code op:name}. */
    private static List<String> changes(Path dir, String id) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !dir.relativize(p).toString().contains(".dtaas-manifest/")).toList()) {
                assertThat(dir.relativize(f).toString()).matches("public/items/load_date=\\d{4}-\\d{2}-\\d{2}/changes-.*\\.jsonl");
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = json.readTree(line);
                    if (n.get("id").asText().equals(id)) {
                        rows.add(n);
                    }
                }
            }
        }
        rows.sort(Comparator.comparingLong(n -> {
            Matcher m = LSN.matcher(n.get("_position").asText());
            assertThat(m.find()).isTrue();
            return Long.parseLong(m.group(1));
        }));
        return rows.stream().map(n -> n.get("_op").asText() + ":" + (n.get("name").isNull() ? "null" : n.get("name").asText()))
                .toList();
    }

    private static List<String> rows(String db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i) == null ? "null" : rs.getObject(i));
                }
                rows.add(row.toString());
            }
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of(); // the target table is created when the task starts
            }
            throw e;
        }
        return rows;
    }

    private static void deleteState(long task) throws Exception {
        Path dir = Path.of("target", "cdc-state", "task-" + task);
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void dropSlot(String name) throws Exception {
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + name + "' AND NOT active");
    }
}
