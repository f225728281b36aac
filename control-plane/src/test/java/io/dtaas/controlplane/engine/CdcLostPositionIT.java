package io.dtaas.controlplane.engine;

import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cdc task whose replication slot is dropped while it is paused: the resumed execution fails saying what
 * happened and what to do; resync forgets the position so the task streams again; deleting the task drops
 * its slot, publication and offsets.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class CdcLostPositionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void droppedSlotFailsClearlyResyncRecoversDeleteCleansUp() throws Exception {
        String src = "dtaas_5c_lost_src";
        String dst = "dtaas_5c_lost_dst";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE orders (id int PRIMARY KEY, note text)");
        long task = TaskApi.createTask(Map.of("name", "dtaas_5c lost " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", TaskApi.pgConnector("destination", dst),
                "mode", "cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("orders"), "batch_size", 100, "cdc_poll_interval", 1)));
        String slot = CdcRun.streamId(task);
        Path state = Path.of("target", "cdc-state", "task-" + task);
        dropSlot(slot);
        deleteState(state); // task ids restart with each test run's fresh metadata database
        try {
            long first = TaskApi.start(task);
            TaskApi.awaitExecution(first, "running");
            awaitArrival(src, dst, 1);
            TaskApi.action(task, "pause").statusCode(202);
            TaskApi.awaitExecution(first, "paused");

            await().atMost(WAIT).until(() -> dropSlot(slot));
            long second = TaskApi.action(task, "resume").statusCode(202).extract().jsonPath().getLong("id");
            String error = TaskApi.awaitExecution(second, "failed").getString("error_message");
            assertThat(error).isEqualTo("task " + TaskApi.taskJson(task).getString("name") + ": the replication slot "
                    + slot + " no longer exists on the PostgreSQL source, so the changes since the last applied position"
                    + " are lost; resync the task (POST /api/tasks/" + task + "/resync) to reload its tables and stream"
                    + " from the current position");

            given().contentType(ContentType.JSON).body(Map.of("tables", List.of("public.orders", "nope")))
                    .post("/api/tasks/{id}/resync", task).then().statusCode(422)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("tables[1]"));
            given().post("/api/tasks/{id}/resync", 999_999).then().statusCode(404);
            var resync = given().contentType(ContentType.JSON).body(Map.of("tables", List.of("public.orders")))
                    .post("/api/tasks/{id}/resync", task).then().statusCode(200).extract().jsonPath();
            assertThat(resync.getList("tables")).containsExactly("public.orders");
            assertThat(resync.getList("dropped", String.class)).containsExactly("publication " + slot, "offsets and schema history");
            assertThat(resync.getList("left_to_drop_by_hand")).isEmpty();
            assertThat(Files.exists(state)).isFalse();

            long third = TaskApi.start(task);
            TaskApi.awaitExecution(third, "running");
            // issue 16: a running stream resyncs online (the table is copied again while it streams), nothing dropped
            var online = given().contentType(ContentType.JSON).body(Map.of("tables", List.of("public.orders")))
                    .post("/api/tasks/{id}/resync", task).then().statusCode(200).extract().jsonPath();
            assertThat(online.getBoolean("online")).isTrue();
            assertThat(online.getList("dropped")).isEmpty();
            awaitArrival(src, dst, 2);
            // the stream's metrics reach /q/metrics: a lag, a rate and the slot's WAL gap, all measured
            await().atMost(WAIT).untilAsserted(() -> {
                String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(metric(metrics, "dtaas_cdc_lag_seconds", task)).isBetween(0.0, 60.0);
                assertThat(metric(metrics, "dtaas_cdc_events_per_second", task)).isGreaterThan(0.0);
                assertThat(metric(metrics, "dtaas_cdc_position_gap_bytes", task)).isGreaterThanOrEqualTo(0.0);
                assertThat(metric(metrics, "dtaas_cdc_last_applied_timestamp_seconds", task))
                        .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
            });
            await().atMost(WAIT).untilAsserted(() -> {
                var cdc = TaskApi.execution(third);
                assertThat(cdc.getDouble("cdc.lag_seconds")).isBetween(0.0, 60.0);
                assertThat(cdc.getDouble("cdc.events_per_second")).isGreaterThan(0.0);
                assertThat(cdc.getString("cdc.last_applied_at")).isNotBlank();
            });
            TaskApi.action(task, "stop").statusCode(202);
            TaskApi.awaitExecution(third, "stopped");

            assertThat(count(src, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")).isOne();
            given().delete("/api/tasks/{id}", task).then().statusCode(204);
            assertThat(count(src, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")).isZero();
            assertThat(count(src, "SELECT count(*) FROM pg_publication WHERE pubname = '" + slot + "'")).isZero();
            assertThat(Files.exists(state)).isFalse();
        } finally {
            dropSlot(slot);
        }
    }

    private static double metric(String body, String name, long task) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "\\{[^}]*task=\"" + task
                + "\"[^}]*\\} (\\S+)$").matcher(body);
        assertThat(m.find()).as(name + " of task " + task).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Inserts rows with ids from {@code id} upward until one of them arrives downstream. */
    private static void awaitArrival(String src, String dst, int id) {
        int[] next = {id * 1000};
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            PostgresFixture.execute(src, "INSERT INTO orders VALUES (" + next[0]++ + ", 'x')");
            return count(dst, "SELECT count(*) FROM orders WHERE id >= " + id * 1000) > 0;
        });
    }

    private static void deleteState(Path dir) throws Exception {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** True when no slot of that name is left (an active one cannot be dropped yet). */
    private static boolean dropSlot(String name) throws Exception {
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + name + "' AND NOT active");
        return count("postgres", "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + name + "'") == 0;
    }
}
