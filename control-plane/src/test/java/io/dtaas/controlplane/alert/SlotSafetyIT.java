package io.dtaas.controlplane.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.ThrowawayPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 guard rails on throwaway PostgreSQL clusters (wal_level=logical), with the real engine and a local
 * HTTP receiver: the retained WAL of a paused task is measured; a slot PostgreSQL invalidates (small
 * max_slot_wal_keep_size, WAL generated past it, checkpoint) is reported as position_lost with the resync action and
 * the task resyncs at its next start; a paused task past its opt-in hard limit gets its slot dropped and is marked
 * the same way; an idle task's slot confirms positions past WAL written by a busy task in another database.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class SlotSafetyIT extends AlertTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anInvalidatedSlotIsReportedWithTheResyncActionAndTheNextStartResyncs() throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.builder().setting("max_slot_wal_keep_size", "'1MB'").launch()) {
            channel("lost " + System.nanoTime(), "webhook", "/lost", null, List.of("position_lost"));
            CdcTask stream = pausedStream(pg, "dtaas_slot_lost", Map.of());
            retention.onTick();
            JsonPath measured = TaskApi.taskJson(stream.task);
            assertThat(measured.getBoolean("source_retention.position_exists")).isTrue();
            assertThat(measured.getString("source_retention.wal_status")).isIn("reserved", "extended", "unreserved");
            assertThat(measured.getLong("source_retention.retained_bytes")).isGreaterThanOrEqualTo(0);
            assertThat(measured.getString("resync_required")).isNull();

            // WAL past max_slot_wal_keep_size, then a checkpoint: PostgreSQL invalidates the inactive slot
            Awaitility.await().atMost(WAIT).until(() -> {
                pg.execute(stream.database, "INSERT INTO junk SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g",
                        "SELECT pg_switch_wal()", "CHECKPOINT");
                return "lost".equals(slotColumn(pg, stream.slot, "wal_status"));
            });
            String mine = "\"task_id\":" + stream.task + ",";
            awaitTicking(() -> !receiver.received("/lost", mine).isEmpty());
            Map<?, ?> body = JSON.readValue(receiver.received("/lost", mine).getFirst().body(), Map.class);
            assertThat(body.get("kind")).isEqualTo("position_lost");
            assertThat(body.get("state")).isEqualTo("opened");
            assertThat((String) body.get("message")).contains("invalidated").contains(stream.slot);
            assertThat((String) body.get("action")).startsWith("resync");
            JsonPath marked = TaskApi.taskJson(stream.task);
            assertThat(marked.getString("resync_required.reason")).contains("invalidated");
            assertThat(marked.getString("source_retention.wal_status")).isEqualTo("lost");
            assertThat(marked.getInt("open_alerts")).isEqualTo(1);
            assertThat(metric("dtaas_cdc_position_lost", stream.task)).isEqualTo(1.0);
            when().get("/api/alerts?state=open&task_id=" + stream.task).then().statusCode(200)
                    .body("[0].kind", org.hamcrest.Matchers.equalTo("position_lost"));

            // the next start resyncs first (slot dropped and recreated) and says so when the alert resolves
            long next = TaskApi.action(stream.task, "resume").statusCode(202).extract().jsonPath().getLong("id");
            TaskApi.awaitExecution(next, "running");
            awaitArrival(pg, stream, 2);
            assertThat(TaskApi.taskJson(stream.task).getString("resync_required")).isNull();
            awaitTicking(() -> receiver.received("/lost", mine).size() == 2);
            Map<?, ?> resolved = JSON.readValue(receiver.received("/lost", mine).get(1).body(), Map.class);
            assertThat(resolved.get("state")).isEqualTo("resolved");
            assertThat((String) resolved.get("message")).contains("resynced at its start");
            retention.onTick();
            assertThat(slotColumn(pg, stream.slot, "wal_status")).isNotEqualTo("lost");
            stop(stream);
        }
    }

    @Test
    void aPausedTaskPastItsHardLimitHasItsSlotDroppedAndIsMarkedToResync() throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.launch()) {
            CdcTask stream = pausedStream(pg, "dtaas_slot_hard", Map.of("drop_slot_above_mb", 1));
            retention.onTick();
            assertThat(slotColumn(pg, stream.slot, "slot_name")).isEqualTo(stream.slot); // under the limit: kept

            pg.execute(stream.database, "INSERT INTO junk SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            awaitTicking(() -> slotColumn(pg, stream.slot, "slot_name") == null);
            JsonPath marked = TaskApi.taskJson(stream.task);
            assertThat(marked.getString("resync_required.reason")).contains("hard limit").contains("dropped");
            List<String> open = when().get("/api/alerts?state=open&task_id=" + stream.task).then().statusCode(200)
                    .extract().jsonPath().getList("kind", String.class);
            assertThat(open).containsExactly("position_lost");
            TaskApi.action(stream.task, "resume").statusCode(202);
            awaitArrival(pg, stream, 2);
            assertThat(slotColumn(pg, stream.slot, "slot_name")).isEqualTo(stream.slot);
            assertThat(TaskApi.taskJson(stream.task).getString("resync_required")).isNull();
            awaitTicking(() -> when().get("/api/alerts?state=open&task_id=" + stream.task).then().extract()
                    .jsonPath().getList("kind").isEmpty());
            Map<String, Object> bad = new HashMap<>(TaskApi.task("bad limit " + System.nanoTime(),
                    TaskApi.pgConnector("source", stream.destination), TaskApi.pgConnector("destination", stream.destination),
                    List.of("orders")));
            bad.put("mode", "cdc");
            bad.put("config", Map.of("tables", List.of("orders"), "drop_slot_above_mb", "big"));
            Api.post("/api/tasks", bad).statusCode(422)
                    .body("errors.field", org.hamcrest.Matchers.hasItem("config.drop_slot_above_mb"));
            stop(stream);
        }
    }

    @Test
    void anIdleTasksSlotAdvancesWhileAnotherDatabaseIsBusy() throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.launch()) {
            Running idle = running(pg, "dtaas_slot_idle", Map.of());
            Running busy = running(pg, "dtaas_slot_busy", Map.of());
            // busy writes in the other database, then the WAL position they reached: the idle slot must pass it
            pg.execute(busy.stream().database, "INSERT INTO junk SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            String reached = scalar(pg, "SELECT pg_current_wal_lsn()::text");
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                pg.execute(busy.stream().database, "INSERT INTO junk SELECT g, 'y' FROM generate_series(1, 100) g");
                return Boolean.parseBoolean(scalar(pg, "SELECT (confirmed_flush_lsn >= '" + reached + "'::pg_lsn)::text"
                        + " FROM pg_replication_slots WHERE slot_name = '" + idle.stream().slot + "'"));
            });
            assertThat(slotColumn(pg, idle.stream().slot, "active")).isEqualTo("true"); // the same stream, still running
            for (Running r : List.of(idle, busy)) {
                TaskApi.action(r.stream().task, "stop").statusCode(202);
                TaskApi.awaitExecution(r.execution(), "stopped");
            }
        }
    }

    private record Running(CdcTask stream, long execution) {
    }

    /** A cdc task on {@code database} of the throwaway cluster, streaming (one row arrived). */
    private Running running(ThrowawayPostgres pg, String database, Map<String, Object> extra) throws Exception {
        CdcTask stream = created(pg, database, extra);
        long first = TaskApi.start(stream.task);
        TaskApi.awaitExecution(first, "running");
        awaitArrival(pg, stream, 1);
        return new Running(stream, first);
    }

    private static String scalar(ThrowawayPostgres pg, String sql) throws SQLException {
        try (Connection c = pg.connect("postgres"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private record CdcTask(long task, String database, String destination, String slot) {
    }

    /** A cdc task on {@code database} of the throwaway cluster that streamed one row, then paused. */
    private CdcTask pausedStream(ThrowawayPostgres pg, String database, Map<String, Object> extra) throws Exception {
        Running running = running(pg, database, extra);
        TaskApi.action(running.stream().task, "pause").statusCode(202);
        TaskApi.awaitExecution(running.execution(), "paused");
        Awaitility.await().atMost(WAIT).until(() -> "false".equals(slotColumn(pg, running.stream().slot, "active")));
        return running.stream();
    }

    /** A cdc task on a fresh {@code database} of the throwaway cluster (tables orders and junk), never started. */
    private CdcTask created(ThrowawayPostgres pg, String database, Map<String, Object> extra) throws Exception {
        pg.createDatabase(database);
        pg.execute(database, "CREATE TABLE orders (id int PRIMARY KEY, note text)",
                "CREATE TABLE junk (id int, filler text)");
        String destination = database + "_dst";
        PostgresFixture.freshDatabase(destination);
        long source = Api.create(Api.connector(database + " " + System.nanoTime(), "source", "postgresql",
                pg.connectionConfig(database)));
        Map<String, Object> config = new HashMap<>(Map.of("tables", List.of("orders"), "cdc_poll_interval", 1));
        config.putAll(extra);
        long task = TaskApi.createTask(Map.of("name", database + " " + System.nanoTime(), "source_connector_id", source,
                "destination_connector_id", TaskApi.pgConnector("destination", destination), "mode", "cdc",
                "schedule_type", "on_demand", "config", config));
        deleteState(Path.of("target", "cdc-state", "task-" + task)); // task ids restart with each fresh metadata db
        return new CdcTask(task, database, destination, CdcRun.streamId(task));
    }

    private static void stop(CdcTask stream) {
        TaskApi.action(stream.task, "stop").statusCode(202);
        when().delete("/api/tasks/" + stream.task); // drops the slot on the throwaway cluster, which goes anyway
    }

    /** Inserts rows with ids from {@code id * 1000} upward until one of them arrives downstream. */
    private static void awaitArrival(ThrowawayPostgres pg, CdcTask stream, int id) {
        int[] next = {id * 1000};
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            pg.execute(stream.database, "INSERT INTO orders VALUES (" + next[0]++ + ", 'x')");
            try (Connection c = PostgresFixture.connect(stream.destination); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM orders WHERE id >= " + id * 1000)) {
                rs.next();
                return rs.getLong(1) > 0;
            } catch (SQLException e) {
                return false; // the target table is created with the first batch
            }
        });
    }

    private static String slotColumn(ThrowawayPostgres pg, String slot, String column) throws SQLException {
        try (Connection c = pg.connect("postgres"); var ps = c.prepareStatement(
                "SELECT " + column + "::text FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
