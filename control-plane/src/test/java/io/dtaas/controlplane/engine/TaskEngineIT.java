package io.dtaas.controlplane.engine;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The seed's task flow with the real engine: create, start, watch, list executions, and the target equals
 * the source row by row; pause/resume and stop/start mid-run leave it exact too.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class TaskEngineIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void seedTaskExampleMovesEveryRowExactly() throws Exception {
        String src = "dtaas_cp_engine_src";
        String dst = "dtaas_cp_engine_dst";
        TaskApi.sourceDatabase(src);
        PostgresFixture.execute(src,
                "INSERT INTO customers SELECT g, 'customer ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'FI' END"
                        + " FROM generate_series(1, 250) g",
                "INSERT INTO orders SELECT g, g % 250 + 1, g / 100.0 FROM generate_series(1, 12000) g",
                "INSERT INTO products VALUES ('A-1', 9.99), ('B-2', NULL), ('C \"quoted\", comma', 0.01)");
        PostgresFixture.freshDatabase(dst);
        long source = TaskApi.pgConnector("source", src);
        long destination = TaskApi.pgConnector("destination", dst);
        Map<String, Object> seed = new HashMap<>(Map.of(
                "name", "Daily Customer Sync",
                "description", "Sync customers to the warehouse",
                "source_connector_id", source,
                "destination_connector_id", destination,
                "mode", "full_load",
                "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("customers", "orders", "products"), "batch_size", 10000,
                        "parallel", true, "max_parallel_tables", 5)));
        long task = TaskApi.createTask(seed);
        long execution = TaskApi.start(task);
        JsonPath done = awaitFinal(execution);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        assertThat(done.getLong("processed_rows")).isEqualTo(250 + 12000 + 3);
        when().get("/api/tasks/" + task).then().body("status", equalTo("completed"));
        when().get("/api/tasks/" + task + "/executions").then().statusCode(200)
                .body("[0].id", equalTo((int) execution))
                .body("[0].processed_rows", equalTo(250 + 12000 + 3));
        for (String table : List.of("customers", "orders", "products")) {
            assertThat(checksums(dst, table)).as(table).isEqualTo(checksums(src, table));
        }
    }

    /** Issue 15.4: a task can be saved while its source is unreachable (with a warning); the start then checks it. */
    @Test
    void aTaskAgainstAnUnreachableSourceIsSavedWithAWarningAndFailsClearlyAtStart() throws Exception {
        Map<String, Object> nowhere = new HashMap<>(PostgresFixture.connectionConfig("dtaas_cp_engine_nowhere"));
        nowhere.put("port", 1); // nothing listens there
        long source = io.dtaas.controlplane.testing.Api.create(io.dtaas.controlplane.testing.Api.connector(
                "unreachable " + System.nanoTime(), "source", "postgresql", nowhere));
        long destination = TaskApi.pgConnector("destination", "postgres");
        var created = io.dtaas.controlplane.testing.Api.post("/api/tasks", Map.of("name", "deferred " + System.nanoTime(),
                "source_connector_id", source, "destination_connector_id", destination, "mode", "full_load",
                "config", Map.of("tables", List.of("customers", "orders"),
                        "transformations", Map.of("customers", List.of(Map.of("type", "uppercase",
                                "config", Map.of("column", "name")))))))
                .statusCode(201).extract().jsonPath();
        assertThat(created.getList("warnings", String.class)).singleElement().asString()
                .contains("could not be reached").contains("checked when the task starts");
        long task = created.getLong("id");
        assertThat(TaskApi.taskJson(task).getList("warnings")).isEmpty();
        JsonPath failed = awaitFinal(TaskApi.start(task));
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error_message")).containsIgnoringCase("connect");
    }

    @Test
    void pauseResumeAndStopStartMidRunStayExact() throws Exception {
        String src = "dtaas_cp_engine_big";
        String dst = "dtaas_cp_engine_big_dst";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE big (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 300000) g");
        long task = TaskApi.createTask(Map.of("name", "big " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", TaskApi.pgConnector("destination", dst), "mode", "full_load",
                "config", Map.of("tables", List.of("big"), "chunk_rows", 10000, "batch_size", 500,
                        "max_parallel_chunks", 1)));

        long first = TaskApi.start(task);
        awaitRows(first);
        TaskApi.action(task, "pause").statusCode(202);
        JsonPath paused = awaitFinal(first);
        assertThat(paused.getString("status")).isEqualTo("paused");
        long resumed = TaskApi.action(task, "resume").statusCode(202).extract().jsonPath().getLong("id");
        assertThat(awaitFinal(resumed).getString("status")).isEqualTo("completed");
        assertThat(checksums(dst, "big")).isEqualTo(checksums(src, "big"));

        PostgresFixture.execute(src, "UPDATE big SET payload = 'changed' WHERE id % 1000 = 0");
        long second = TaskApi.start(task);
        awaitRows(second);
        TaskApi.action(task, "stop").statusCode(202);
        assertThat(awaitFinal(second).getString("status")).isEqualTo("stopped");
        long third = TaskApi.start(task);
        assertThat(awaitFinal(third).getString("status")).isEqualTo("completed");
        assertThat(TaskApi.execution(third).getLong("processed_rows")).isEqualTo(300000);
        assertThat(checksums(dst, "big")).isEqualTo(checksums(src, "big"));
    }

    @Test
    void aFailingTableNamesTaskTableAndCause() throws Exception {
        String src = "dtaas_cp_engine_fail";
        TaskApi.sourceDatabase(src);
        // a file where the destination needs a folder: accepted when saved, the write fails
        Path blocker = Files.writeString(FilesRoot.newDirectory("dtaas-engine-fail").resolve("blocker"), "x");
        long task = TaskApi.createTask(TaskApi.task("fails " + System.nanoTime(), TaskApi.pgConnector("source", src),
                Api.create(Api.connector("files " + System.nanoTime(), "destination", "local_files",
                        Map.of("path", blocker.resolve("sub").toString()))), List.of("customers")));
        JsonPath failed = awaitFinal(TaskApi.start(task));
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error_message")).contains("public.customers");
    }

    private static JsonPath awaitFinal(long execution) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                List.of("completed", "failed", "stopped", "paused").contains(TaskApi.execution(execution).getString("status")));
        return TaskApi.execution(execution);
    }

    private static void awaitRows(long execution) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> TaskApi.execution(execution).getLong("processed_rows") > 0);
    }

    private static List<String> checksums(String db, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT md5(ROW(r.*)::text) FROM public." + table + " r ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
