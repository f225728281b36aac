package io.dtaas.controlplane.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.cdc.StreamStates;
import io.dtaas.connect.StreamOffset;
import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.ThrowawayMariaDb;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 guard rails for MariaDB sources, with the real engine: a running stream on the shared server is measured
 * from its committed offset (read-only statements only there) and its measurements are listed in order by
 * {@code GET /api/tasks/{id}/retention}; on a throwaway server (never the shared one's binlogs), a paused task whose
 * binlog file is about to expire is warned about, and once that file is purged the task is reported position_lost
 * with the resync action, marked, and resynced by its next start, which resolves the alert.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class BinlogSafetyIT extends AlertTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path STATE = Path.of("target", "cdc-state");

    @Test
    void aRunningMariaDbStreamIsMeasuredFromItsOffsetAndItsHistoryListedInOrder() throws Exception {
        String database = "dtaas_h18m_binlog_measured";
        MariaDbFixture.freshDatabase(database);
        MariaDbFixture.execute(database, "CREATE TABLE orders (id int PRIMARY KEY, note varchar(20))");
        Source shared = new Source(database, MariaDbFixture.connectionConfig(database),
                () -> MariaDbFixture.connect(database));
        CdcTask stream = created(shared, database + "_dst");
        long execution = TaskApi.start(stream.task);
        TaskApi.awaitExecution(execution, "running");
        awaitArrival(shared, stream, 1);

        // the measurement names the file of the offset the stream committed (it moves with heartbeats: measure again)
        Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> { // the engine may be rewriting its offsets
            retention.onTick();
            String file = TaskApi.taskJson(stream.task).getString("source_retention.oldest_needed_file");
            return file != null && file.equals(offsetFile(stream.task));
        });
        JsonPath measured = TaskApi.taskJson(stream.task);
        assertThat(measured.getBoolean("source_retention.position_exists")).isTrue();
        assertThat(measured.getLong("source_retention.retained_bytes")).isGreaterThanOrEqualTo(0);
        assertThat(measured.getString("source_retention.wal_status")).isNull();
        assertThat(measured.getString("resync_required")).isNull();
        assertThat(openKinds(stream.task)).isEmpty(); // a running stream is not warned about its own binlog

        retention.onTick();
        List<Map<String, Object>> points = history(stream.task, null);
        assertThat(points).hasSizeGreaterThanOrEqualTo(2);
        List<Instant> times = new ArrayList<>();
        for (Map<String, Object> p : points) {
            times.add(Instant.parse((String) p.get("measured_at")));
            assertThat(p.get("position_exists")).isEqualTo(true);
            assertThat(((Number) p.get("retained_bytes")).longValue()).isGreaterThanOrEqualTo(0);
        }
        assertThat(times).isSortedAccordingTo(Instant::compareTo).doesNotHaveDuplicates();
        // the newest point is the measurement the task shows
        JsonPath now = TaskApi.taskJson(stream.task);
        Map<String, Object> newest = points.getLast();
        assertThat(Instant.parse((String) newest.get("measured_at")))
                .isEqualTo(Instant.parse(now.getString("source_retention.measured_at")));
        assertThat(((Number) newest.get("retained_bytes")).longValue())
                .isEqualTo(now.getLong("source_retention.retained_bytes"));
        // since: inclusive, the window's end is now
        assertThat(history(stream.task, times.getLast().toString())).containsExactly(newest);
        assertThat(history(stream.task, times.get(1).toString())).isEqualTo(points.subList(1, points.size()));
        assertThat(history(stream.task, Instant.now().plusSeconds(3600).toString())).isEmpty();
        // hostile or malformed since values: a clear 422 naming the field, never a 500 or a statement built from it
        for (String bad : List.of("yesterday", "1' OR '1'='1", "2026-13-45T00:00:00Z", "-1",
                "+999999999-12-31T23:59:59Z", "2026-12-04T00:00:00Z; DROP TABLE retention_history", "%00",
                "2026-12-04 00:00:00", "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            var answer = given().queryParam("since", bad).when().get("/api/tasks/" + stream.task + "/retention");
            assertThat(answer.statusCode()).as("since=%s", bad).isEqualTo(422);
            assertThat(answer.jsonPath().getList("errors.field", String.class)).as("since=%s", bad).contains("since");
        }
        assertThat(history(stream.task, null)).as("the history is intact after the attacks").hasSizeGreaterThanOrEqualTo(points.size());
        when().get("/api/tasks/987654321/retention").then().statusCode(404);

        TaskApi.action(stream.task, "stop").statusCode(202);
        TaskApi.awaitExecution(execution, "stopped");
        when().delete("/api/tasks/" + stream.task).then().statusCode(204);
        when().get("/api/tasks/" + stream.task + "/retention").then().statusCode(404);
    }

    @Test
    void aPurgedBinlogOfAPausedTaskIsReportedWithTheResyncActionAndTheNextStartResyncs() throws Exception {
        // binlogs expire after an hour on this server: under the one-day warning as soon as the task stops
        try (ThrowawayMariaDb maria = ThrowawayMariaDb.launch("--binlog-expire-logs-seconds=3600")) {
            maria.createDatabase("shop");
            maria.execute("shop", "CREATE TABLE orders (id int PRIMARY KEY, note varchar(20))");
            Source source = new Source("shop", maria.connectionConfig("shop"), () -> maria.connect("shop"));
            channel("binlog lost " + System.nanoTime(), "webhook", "/binlog", null, List.of("position_lost"));
            CdcTask stream = created(source, "dtaas_h18m_binlog_lost_dst");
            long first = TaskApi.start(stream.task);
            TaskApi.awaitExecution(first, "running");
            awaitArrival(source, stream, 1);
            TaskApi.action(stream.task, "pause").statusCode(202);
            TaskApi.awaitExecution(first, "paused");

            String needed = offsetFile(stream.task);
            retention.onTick();
            JsonPath paused = TaskApi.taskJson(stream.task);
            assertThat(paused.getBoolean("source_retention.position_exists")).isTrue();
            assertThat(paused.getString("source_retention.oldest_needed_file")).isEqualTo(needed);
            assertThat(paused.getLong("source_retention.purge_in_seconds")).isBetween(0L, 3600L);
            assertThat(openKinds(stream.task)).containsExactly("retention_threshold");
            assertThat(alertMessage(stream.task, "retention_threshold")).contains("may purge").contains(needed);

            // rows written, a new binlog file, and every older one purged: the paused task's file is gone
            maria.execute("shop", "INSERT INTO orders VALUES (500, 'meanwhile'), (501, 'meanwhile')");
            Awaitility.await().atMost(WAIT).until(() -> {
                maria.execute("", "FLUSH BINARY LOGS");
                List<String> files = binlogs(maria);
                maria.execute("", "PURGE BINARY LOGS TO '" + files.getLast() + "'");
                return !binlogs(maria).contains(needed);
            });
            String mine = "\"task_id\":" + stream.task + ",";
            awaitTicking(() -> !receiver.received("/binlog", mine).isEmpty());
            Map<?, ?> body = JSON.readValue(receiver.received("/binlog", mine).getFirst().body(), Map.class);
            assertThat(body.get("kind")).isEqualTo("position_lost");
            assertThat(body.get("state")).isEqualTo("opened");
            assertThat((String) body.get("message")).contains("purged").contains(needed);
            assertThat((String) body.get("action")).startsWith("resync");
            JsonPath marked = TaskApi.taskJson(stream.task);
            assertThat(marked.getString("resync_required.reason")).contains("purged").contains(needed);
            assertThat(marked.getBoolean("source_retention.position_exists")).isFalse();
            assertThat(marked.getString("source_retention.oldest_needed_file")).isEqualTo(needed);
            assertThat(openKinds(stream.task)).containsExactly("position_lost"); // the expiry warning is moot now
            assertThat(metric("dtaas_cdc_position_lost", stream.task)).isEqualTo(1.0);

            // the next start resyncs first (offsets dropped) and says so when the alert resolves
            long next = TaskApi.action(stream.task, "resume").statusCode(202).extract().jsonPath().getLong("id");
            TaskApi.awaitExecution(next, "running");
            awaitArrival(source, stream, 2);
            assertThat(TaskApi.taskJson(stream.task).getString("resync_required")).isNull();
            awaitTicking(() -> receiver.received("/binlog", mine).size() == 2);
            Map<?, ?> resolved = JSON.readValue(receiver.received("/binlog", mine).get(1).body(), Map.class);
            assertThat(resolved.get("state")).isEqualTo("resolved");
            assertThat((String) resolved.get("message")).contains("resynced at its start");
            Awaitility.await().atMost(WAIT).until(() -> {
                retention.onTick(); // measured again from the new stream's offset, in a file the server has
                return TaskApi.taskJson(stream.task).getBoolean("source_retention.position_exists");
            });
            assertThat(binlogs(maria)).contains(TaskApi.taskJson(stream.task).getString("source_retention.oldest_needed_file"));
            assertThat(openKinds(stream.task)).isEmpty();
            TaskApi.action(stream.task, "stop").statusCode(202);
            TaskApi.awaitExecution(next, "stopped");
            when().delete("/api/tasks/" + stream.task);
        }
    }

    @FunctionalInterface
    private interface Opener {
        Connection open() throws SQLException;
    }

    private record Source(String database, Map<String, Object> connection, Opener opener) {
    }

    private record CdcTask(long task, String destination) {
    }

    /** A cdc task from the source's {@code orders} into a fresh PostgreSQL database, never started. */
    private static CdcTask created(Source source, String destination) throws Exception {
        PostgresFixture.freshDatabase(destination);
        long connector = Api.create(Api.connector(source.database() + " " + System.nanoTime(), "source", "mysql",
                source.connection()));
        long task = TaskApi.createTask(Map.of("name", "binlog " + System.nanoTime(), "source_connector_id", connector,
                "destination_connector_id", TaskApi.pgConnector("destination", destination), "mode", "cdc",
                "schedule_type", "on_demand", "config", Map.of("tables", List.of("orders"), "cdc_poll_interval", 1,
                        "target_schema", "public")));
        deleteState(STATE.resolve("task-" + task));
        return new CdcTask(task, destination);
    }

    /** The binlog file of the offset the task's stream committed, read from its state as the engine stored it. */
    private static String offsetFile(long task) {
        return StreamStates.files(STATE).of(task).committedOffsets().stream().map(StreamOffset::offset)
                .map(o -> (String) o.get("file")).filter(f -> f != null).findFirst().orElse(null);
    }

    /** Inserts rows with ids from {@code id * 1000} upward until one of them arrives downstream. */
    private static void awaitArrival(Source source, CdcTask stream, int id) {
        int[] next = {id * 1000};
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (Connection c = source.opener().open(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO orders VALUES (" + next[0]++ + ", 'x')");
            }
            try (Connection c = PostgresFixture.connect(stream.destination()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM orders WHERE id >= " + id * 1000)) {
                rs.next();
                return rs.getLong(1) > 0;
            } catch (SQLException e) {
                return false; // the target table is created with the first batch
            }
        });
    }

    private static List<Map<String, Object>> history(long task, String since) {
        var request = since == null ? given() : given().queryParam("since", since);
        return request.when().get("/api/tasks/" + task + "/retention").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    private static String alertMessage(long task, String kind) {
        return when().get("/api/alerts?state=open&task_id=" + task).then().statusCode(200).extract().jsonPath()
                .getString("find { it.kind == '" + kind + "' }.message");
    }

    private static List<String> binlogs(ThrowawayMariaDb maria) throws SQLException {
        List<String> files = new ArrayList<>();
        try (Connection c = maria.connect(""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }
}
