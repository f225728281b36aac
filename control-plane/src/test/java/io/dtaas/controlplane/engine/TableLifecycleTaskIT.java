package io.dtaas.controlplane.engine;

import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16 through the API, standalone: a running {@code full_load_then_cdc} task gains a table by PUT (copied
 * online, then streaming), resyncs it alone, pauses and resumes it, sees it fail on a target constraint while the
 * other table streams on (the execution running and {@code degraded}, the phase on {@code /q/metrics}), brings it
 * back, and removes it; each time the tables equal their sources row for row.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class TableLifecycleTaskIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void tablesAreAddedResyncedPausedQuarantinedAndRemovedThroughTheApi() throws Exception {
        String src = "h16_cp_src";
        String dst = "h16_cp_dst";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        for (String t : List.of("a", "b")) {
            PostgresFixture.execute(src, "CREATE TABLE " + t + " (id int PRIMARY KEY, status text NOT NULL)",
                    "INSERT INTO " + t + " SELECT g, 'init' FROM generate_series(1, 3000) g");
        }
        long task = TaskApi.createTask(Map.of("name", "lifecycle " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", TaskApi.pgConnector("destination", dst),
                "mode", "full_load_then_cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("a"), "batch_size", 500, "cdc_poll_interval", 1)));
        dropSlot(CdcRun.streamId(task));
        deleteState(task);
        try {
            // pausing a table needs a running stream; unknown tables are named
            given().contentType(ContentType.JSON).body(Map.of("tables", List.of("a")))
                    .post("/api/tasks/{id}/tables/pause", task).then().statusCode(409);
            given().contentType(ContentType.JSON).body(Map.of("tables", List.of("nope")))
                    .post("/api/tasks/{id}/tables/pause", task).then().statusCode(422)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("tables[0]"));
            long execution = TaskApi.start(task);
            TaskApi.awaitExecution(execution, "running");
            awaitEqual(src, dst, "a");

            // add b by PUT: copied online while a streams
            given().contentType(ContentType.JSON).body(Map.of("config", Map.of("tables", List.of("a", "b"))))
                    .put("/api/tasks/{id}", task).then().statusCode(200);
            PostgresFixture.execute(src, "UPDATE a SET status = 'while b is added' WHERE id <= 10",
                    "DELETE FROM b WHERE id BETWEEN 100 AND 120", "INSERT INTO b VALUES (5000, 'new')");
            awaitEqual(src, dst, "b");
            awaitEqual(src, dst, "a");
            await().atMost(WAIT).until(() -> "streaming".equals(state(execution, "public.b")));
            // per-table copy percentage and lag on the execution and in /q/metrics (issue 16 item 5)
            await().atMost(WAIT).until(() -> Integer.valueOf(100).equals(table(execution, "public.b").get("copy_percent")));
            assertThat(table(execution, "public.b").get("lag_seconds")).as("a streaming table has the stream's lag")
                    .isInstanceOf(Number.class);
            await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").then().statusCode(200)
                    .extract().asString())
                    .containsPattern("dtaas_cdc_table_copy_percent\\{[^}]*table=\"public.b\"[^}]*} 100.0")
                    .containsPattern("dtaas_cdc_table_lag_seconds\\{[^}]*table=\"public.b\"[^}]*} \\d"));

            // resync b alone, online; rows deleted meanwhile do not linger
            PostgresFixture.execute(dst, "INSERT INTO b VALUES (9999, 'stray')");
            var resync = given().contentType(ContentType.JSON).body(Map.of("tables", List.of("b")))
                    .post("/api/tasks/{id}/resync", task).then().statusCode(200).extract().jsonPath();
            assertThat(resync.getBoolean("online")).isTrue();
            awaitEqual(src, dst, "b");

            // pause b: its changes are dropped, a's arrive; resume: b is copied again
            given().contentType(ContentType.JSON).body(Map.of("tables", List.of("b")))
                    .post("/api/tasks/{id}/tables/pause", task).then().statusCode(202)
                    .body("execution_id", org.hamcrest.Matchers.equalTo((int) execution));
            await().atMost(WAIT).until(() -> "paused".equals(state(execution, "public.b")));
            // a paused table's lag is the time since it stopped being applied: it grows
            double pausedAt = ((Number) table(execution, "public.b").get("lag_seconds")).doubleValue();
            await().atMost(WAIT).until(() -> ((Number) table(execution, "public.b").get("lag_seconds")).doubleValue()
                    > pausedAt + 1);
            PostgresFixture.execute(src, "DELETE FROM b WHERE id <= 50", "UPDATE b SET status = 'paused' WHERE id > 2900",
                    "UPDATE a SET status = 'while b is paused' WHERE id <= 20");
            awaitEqual(src, dst, "a");
            assertThat(count(dst, "SELECT count(*) FROM b WHERE id <= 50")).as("b's changes dropped while paused")
                    .isEqualTo(50);
            given().contentType(ContentType.JSON).body(Map.of("tables", List.of("b")))
                    .post("/api/tasks/{id}/tables/resume", task).then().statusCode(202);
            awaitEqual(src, dst, "b");

            // the destination refuses a change of b: b fails, a streams on, the execution runs degraded
            PostgresFixture.execute(dst, "ALTER TABLE b ADD CONSTRAINT no_poison CHECK (status <> 'poison')");
            PostgresFixture.execute(src, "UPDATE b SET status = 'poison' WHERE id = 2000");
            await().atMost(WAIT).until(() -> "failed".equals(state(execution, "public.b")));
            var degraded = TaskApi.execution(execution);
            assertThat(degraded.getString("status")).isEqualTo("running");
            assertThat(degraded.getBoolean("degraded")).isTrue();
            assertThat(table(execution, "public.b").get("error")).asString().contains("no_poison").contains("id=2000");
            await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").then().statusCode(200)
                    .extract().asString()).containsPattern("dtaas_cdc_table_phase\\{[^}]*table=\"public.b\"[^}]*} 4.0"));
            PostgresFixture.execute(src, "UPDATE a SET status = 'while b failed' WHERE id <= 30");
            awaitEqual(src, dst, "a");
            PostgresFixture.execute(dst, "ALTER TABLE b DROP CONSTRAINT no_poison");
            given().contentType(ContentType.JSON).body(Map.of("tables", List.of("b")))
                    .post("/api/tasks/{id}/tables/resume", task).then().statusCode(202);
            awaitEqual(src, dst, "b");
            await().atMost(WAIT).until(() -> !TaskApi.execution(execution).getBoolean("degraded"));

            // remove b: it joins exclude_tables, the stream stops following it
            var removed = given().contentType(ContentType.JSON).body(Map.of("tables", List.of("b")))
                    .post("/api/tasks/{id}/tables/remove", task).then().statusCode(200).extract().jsonPath();
            assertThat(removed.getList("config.exclude_tables")).containsExactly("b");
            await().atMost(WAIT).until(() -> "removed".equals(state(execution, "public.b")));
            PostgresFixture.execute(src, "INSERT INTO b VALUES (7000, 'after removal')",
                    "UPDATE a SET status = 'after b was removed' WHERE id <= 40");
            awaitEqual(src, dst, "a");
            assertThat(count(dst, "SELECT count(*) FROM b WHERE id = 7000")).isZero();

            TaskApi.action(task, "stop").statusCode(202);
            TaskApi.awaitExecution(execution, "stopped");
        } finally {
            dropSlot(CdcRun.streamId(task));
        }
    }

    private static String state(long execution, String table) {
        Map<String, Object> t = table(execution, table);
        return t == null ? null : (String) t.get("state");
    }

    private static Map<String, Object> table(long execution, String table) {
        List<Map<String, Object>> tables = TaskApi.execution(execution).getList("table_progress");
        return tables.stream().filter(t -> table.equals(t.get("table"))).findFirst().orElse(null);
    }

    private static void awaitEqual(String src, String dst, String table) {
        // the target may not exist yet (created when the table's load or copy starts)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                assertThat(rows(dst, table)).as(table).isEqualTo(rows(src, table)));
    }

    private static List<String> rows(String db, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, status FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2));
            }
        }
        return rows;
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteState(long task) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "cdc-state", "task-" + task);
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
        }
    }

    private static void dropSlot(String name) throws Exception {
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + name + "' AND NOT active");
    }
}
