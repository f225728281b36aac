package io.dtaas.controlplane.engine;

import io.dtaas.cdc.CdcRun;
import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.LiveFeed;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.ThrowawayMariaDb;
import io.dtaas.testing.ThrowawayPostgres;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12 (items 4–7): databases around a transfer restart or stop, on throwaway servers of the test's own, and
 * DTaaS rides through: a full load whose destination restarts (fast) and then stays down for 20 s completes
 * exactly, with the retries on its record; a load whose destination stays down past the retry budget fails
 * naming its chunks and lists no table as running, and a new start completes it; a change stream follows a
 * MariaDB source that restarts within seconds (its lag growing while the source is down) and one whose PostgreSQL
 * destination restarts, both converging exactly with a writer running. Every case compares target and source
 * row for row (per-row checksums) and checks the execution record.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class RideThroughFaultsIT {

    private static final Duration LONG = Duration.ofSeconds(120);
    private static final String SRC = "dtaas_fault_ride_src";
    private static ThrowawayPostgres destination;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void servers() throws Exception {
        destination = ThrowawayPostgres.launch();
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.execute(SRC,
                "CREATE TABLE items (id bigint PRIMARY KEY, name text, amount numeric(12,2))",
                "INSERT INTO items SELECT g, 'item ' || g, g % 1000 / 7.0 FROM generate_series(1, 120000) g",
                "CREATE TABLE notes (id bigint PRIMARY KEY, body text)",
                "INSERT INTO notes SELECT g, repeat('n', g % 50) FROM generate_series(1, 12000) g");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (destination != null) {
            destination.close();
        }
    }

    @Test
    void fullLoadRidesThroughADestinationRestartAndA20SecondOutage() throws Exception {
        String dst = "ride_full";
        slowTargets(dst, 0.15, "items", "notes");
        long task = fullLoadTask(dst, List.of("items", "notes"), Map.of());
        List<JsonNode> live = new CopyOnWriteArrayList<>();
        WebSocketClientConnection feed = LiveFeed.connect(base, "/ws?task_id=" + task, live);
        long execution = TaskApi.start(task);

        await().atMost(LONG).until(() -> count(destination.connect(dst), "SELECT count(*) FROM items") > 0);
        destination.restart("fast"); // in-flight chunks lose their connection (57P01), new ones are refused
        long afterRestart = count(destination.connect(dst), "SELECT count(*) FROM items");
        await().atMost(LONG).until(() -> count(destination.connect(dst), "SELECT count(*) FROM items") > afterRestart);
        destination.stop("fast");
        long beforeOutage = TaskApi.execution(execution).getLong("processed_rows");
        assertThat(beforeOutage).as("the outage begins mid-load").isLessThan(132_000);
        long down = System.nanoTime();
        // the outage lasts at least 20 s (far past one backoff), and the run is seen retrying while it lasts
        await().atMost(LONG).until(() -> TaskApi.execution(execution).getInt("retries") > 0);
        await().atMost(LONG).pollInterval(Duration.ofMillis(500))
                .until(() -> System.nanoTime() - down >= Duration.ofSeconds(20).toNanos());
        assertThat(TaskApi.execution(execution).getString("status")).as("waiting out the outage").isEqualTo("running");
        destination.start();

        JsonPath record = awaitEnd(execution);
        assertThat(record.getString("status")).as(record.getString("error_message")).isEqualTo("completed");
        assertThat(record.getLong("processed_rows")).isEqualTo(132_000);
        assertTables(record, Map.of("items", 120_000L, "notes", 12_000L), "completed");
        assertThat(record.getInt("retries")).as("retries recorded").isGreaterThan(0);
        assertThat(record.getString("last_retry_reason")).contains("chunk");
        assertSameRows(dst, "items");
        assertSameRows(dst, "notes");
        // browsers saw the retries as they happened, and the final message carries the recorded count
        await().atMost(Duration.ofSeconds(10)).until(() -> live.stream()
                .anyMatch(m -> m.get("status").asText().equals("completed")));
        feed.closeAndAwait();
        assertThat(live).anyMatch(m -> m.get("status").asText().equals("running") && m.get("retries").asInt() > 0
                && m.get("last_retry_reason").asText().contains("chunk"));
        JsonNode last = live.get(live.size() - 1);
        assertThat(last.get("retries").asInt()).isEqualTo(record.getInt("retries"));
    }

    @Test
    void aDestinationDownPastTheBudgetFailsNamingItsChunksThenAStartCompletes() throws Exception {
        String dst = "ride_budget";
        slowTargets(dst, 0.3, "notes");
        long task = fullLoadTask(dst, List.of("notes"), Map.of("retry_budget_seconds", 3, "chunk_rows", 1000));
        long execution = TaskApi.start(task);
        await().atMost(LONG).until(() -> count(destination.connect(dst), "SELECT count(*) FROM notes") > 0);
        destination.stop("fast");
        try {
            JsonPath failed = awaitEnd(execution);
            assertThat(failed.getString("status")).isEqualTo("failed");
            assertThat(failed.getString("error_message")).containsPattern("chunks? [0-9, ]+ of [0-9]+ failed");
            assertThat(failed.getList("table_progress.state", String.class)).containsExactly("failed");
            assertThat(failed.getInt("retries")).isGreaterThan(0);
        } finally {
            destination.start();
        }

        long again = TaskApi.start(task);
        JsonPath record = awaitEnd(again);
        assertThat(record.getString("status")).as(record.getString("error_message")).isEqualTo("completed");
        assertThat(record.getLong("processed_rows")).isEqualTo(12_000);
        assertTables(record, Map.of("notes", 12_000L), "completed");
        assertSameRows(dst, "notes");
    }

    @Test
    void cdcFollowsAMariaDbSourceWithinSecondsOfItsRestart() throws Exception {
        try (ThrowawayMariaDb maria = ThrowawayMariaDb.launch()) {
            maria.createDatabase("shop");
            maria.execute("shop", "CREATE TABLE accounts (id int PRIMARY KEY, name varchar(100), amount decimal(12,2))");
            String dst = "dtaas_fault_ride_cdc_my";
            PostgresFixture.freshDatabase(dst);
            long source = Api.create(Api.connector("maria " + System.nanoTime(), "source", "mysql",
                    maria.connectionConfig("shop")));
            long task = cdcTask(source, TaskApi.pgConnector("destination", dst));
            long execution = TaskApi.start(task);
            TaskApi.awaitExecution(execution, "running");
            awaitSentinel(() -> maria.connect("shop"), () -> PostgresFixture.connect(dst), 0, true);

            try (ChangeWriter writer = ChangeWriter.start(() -> maria.connect("shop"), true)) {
                await().atMost(LONG).until(() -> count(maria.connect("shop"), "SELECT count(*) FROM accounts") > 10);
                maria.stop();
                await().atMost(LONG).untilAsserted(() -> assertThat(TaskApi.execution(execution)
                        .getDouble("cdc.lag_seconds")).as("a stalled stream's lag grows").isGreaterThanOrEqualTo(4.0));
                maria.start();
                // the binlog client reconnects within seconds (it used to wait for its once-a-minute keepalive)
                awaitSentinel(() -> maria.connect("shop"), () -> PostgresFixture.connect(dst), -1, true);
                writer.awaitMoreChanges(100); // changes made after the outage, too
            }
            await().atMost(LONG).untilAsserted(() ->
                    assertThat(rows(PostgresFixture.connect(dst))).isEqualTo(rows(maria.connect("shop"))));
            assertThat(rows(maria.connect("shop"))).hasSizeGreaterThan(50);
            assertThat(TaskApi.execution(execution).getDouble("cdc.lag_seconds")).isLessThan(30.0);
            stopAndCheck(task, execution);
        }
    }

    @Test
    void cdcRidesThroughItsPostgresDestinationRestartingWithAWriterRunning() throws Exception {
        String src = "dtaas_fault_ride_cdc_pg";
        String dst = "ride_cdc";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE accounts (id int PRIMARY KEY, name varchar(100), amount numeric(12,2))");
        destination.createDatabase(dst);
        long destinationConnector = Api.create(Api.connector("throwaway " + System.nanoTime(), "destination",
                "postgresql", destination.connectionConfig(dst)));
        long task = cdcTask(TaskApi.pgConnector("source", src), destinationConnector);
        dropSlot(CdcRun.streamId(task));
        try {
            long execution = TaskApi.start(task);
            TaskApi.awaitExecution(execution, "running");
            awaitSentinel(() -> PostgresFixture.connect(src), () -> destination.connect(dst), 0, false);
            try (ChangeWriter writer = ChangeWriter.start(() -> PostgresFixture.connect(src), false)) {
                writer.awaitMoreChanges(150);
                destination.restart("fast");
                writer.awaitMoreChanges(150);
                destination.stop("fast");
                writer.awaitMoreChanges(150);
                await().atMost(LONG).untilAsserted(() -> assertThat(TaskApi.execution(execution)
                        .getDouble("cdc.lag_seconds")).as("a stalled stream's lag grows").isGreaterThanOrEqualTo(4.0));
                assertThat(TaskApi.execution(execution).getString("status")).isEqualTo("running");
                destination.start();
                writer.awaitMoreChanges(200);
            }
            await().atMost(LONG).untilAsserted(() ->
                    assertThat(rows(destination.connect(dst))).isEqualTo(rows(PostgresFixture.connect(src))));
            assertThat(rows(PostgresFixture.connect(src))).hasSizeGreaterThan(50);
            JsonPath record = TaskApi.execution(execution);
            assertThat(record.getInt("retries")).as("the change batches retried").isGreaterThan(0);
            assertThat(record.getString("last_retry_reason")).contains("change(s)");
            stopAndCheck(task, execution);
        } finally {
            dropSlot(CdcRun.streamId(task));
        }
    }

    /** Stops a change stream; its record ends stopped with its table listed and nothing left running. */
    private static void stopAndCheck(long task, long execution) {
        TaskApi.action(task, "stop").statusCode(202);
        JsonPath stopped = TaskApi.awaitExecution(execution, "stopped");
        assertThat(stopped.getList("table_progress.table", String.class)).hasSize(1);
        assertThat(stopped.getList("table_progress.state", String.class)).doesNotContain("running", "pending");
        assertThat(stopped.getLong("processed_rows")).isGreaterThan(50);
    }

    private static long fullLoadTask(String dst, List<String> tables, Map<String, Object> extra) {
        long source = TaskApi.pgConnector("source", SRC);
        long target = Api.create(Api.connector("throwaway " + System.nanoTime(), "destination", "postgresql",
                destination.connectionConfig(dst)));
        Map<String, Object> body = TaskApi.task("ride " + System.nanoTime(), source, target, tables);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) body.get("config");
        config.put("chunk_rows", 2000);
        config.put("max_parallel_chunks", 2);
        config.put("target_schema", "public");
        config.putAll(extra);
        return TaskApi.createTask(body);
    }

    private static long cdcTask(long source, long target) throws Exception {
        long task = TaskApi.createTask(Map.of("name", "ride cdc " + System.nanoTime(), "source_connector_id", source,
                "destination_connector_id", target, "mode", "cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("accounts"), "batch_size", 200, "cdc_poll_interval", 1,
                        "target_schema", "public")));
        deleteState(task); // task ids restart with each test run's fresh metadata database
        return task;
    }

    /**
     * Target tables made before the load (an append finds them), each insert statement slowed down by a trigger so
     * the load lasts long enough to be interrupted; the data is not changed.
     */
    private static void slowTargets(String dst, double secondsPerStatement, String... tables) throws Exception {
        destination.createDatabase(dst);
        destination.execute(dst, "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep("
                + secondsPerStatement + "); RETURN NULL; END $$");
        for (String table : tables) {
            destination.execute(dst, table.equals("items")
                            ? "CREATE TABLE items (id bigint PRIMARY KEY, name text, amount numeric(12,2))"
                            : "CREATE TABLE notes (id bigint PRIMARY KEY, body text)",
                    "CREATE TRIGGER slow AFTER INSERT ON " + table + " FOR EACH STATEMENT EXECUTE FUNCTION slow()");
        }
    }

    private static JsonPath awaitEnd(long execution) {
        await().atMost(LONG).pollInterval(Duration.ofMillis(200)).until(() ->
                List.of("completed", "failed", "stopped").contains(TaskApi.execution(execution).getString("status")));
        return TaskApi.execution(execution);
    }

    /** Every table listed once, in {@code state}, with exactly its rows and all its chunks done. */
    private static void assertTables(JsonPath record, Map<String, Long> rows, String state) {
        List<Map<String, Object>> tables = record.getList("table_progress");
        assertThat(tables).hasSize(rows.size());
        for (Map<String, Object> t : tables) {
            String name = ((String) t.get("table")).replaceFirst("^public\\.", "");
            assertThat(t.get("state")).as(name).isEqualTo(state);
            assertThat(((Number) t.get("rows")).longValue()).as(name).isEqualTo(rows.get(name));
            assertThat(t.get("chunks_done")).as(name).isEqualTo(t.get("chunks_total"));
        }
    }

    private static void assertSameRows(String dst, String table) throws Exception {
        String sql = "SELECT id, md5(CAST(t AS text)) FROM " + table + " t ORDER BY id";
        List<String> target = strings(destination.connect(dst), sql);
        List<String> source = strings(PostgresFixture.connect(SRC), sql);
        assertThat(target).as(table + " row count").hasSameSizeAs(source);
        assertThat(target).as(table + " rows").isEqualTo(source);
    }

    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Writes a marker row at the source and waits until the stream has applied it. */
    private static void awaitSentinel(Opener source, Opener target, int id, boolean mysql) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection c = source.open(); Statement st = c.createStatement()) {
                st.execute(mysql
                        ? "INSERT INTO accounts VALUES (" + id + ", 'sentinel', 0) ON DUPLICATE KEY UPDATE amount = amount + 1"
                        : "INSERT INTO accounts VALUES (" + id + ", 'sentinel', 0) ON CONFLICT (id) DO UPDATE"
                                + " SET amount = accounts.amount + 1");
            }
            return count(target.open(), "SELECT count(*) FROM accounts WHERE id = " + id) == 1;
        });
    }

    /** The accounts rows as text, compared across databases (same decimal scale on both sides). */
    private static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (c; Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, amount FROM accounts ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
            }
        }
        return out;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
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

    /**
     * Inserts, updates and deletes source rows about every 5 ms on a scheduled thread until closed, reconnecting
     * whenever the source goes away (its restarts are part of the test): the pace comes from the schedule, a tick
     * after a lost connection only tries to connect again once 100 ms have passed.
     */
    private static final class ChangeWriter implements AutoCloseable {

        private static final long RECONNECT_NANOS = 100_000_000L;
        private final java.util.concurrent.ScheduledExecutorService ticks =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> Thread.ofPlatform().daemon().name("ride-writer").unstarted(r));
        private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.Random random = new java.util.Random(7);
        private final Opener source;
        private final String upsert;
        private Connection connection;
        private long reconnectAt;

        private ChangeWriter(Opener source, boolean mysql) {
            this.source = source;
            this.upsert = mysql
                    ? " ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)"
                    : " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, amount = EXCLUDED.amount";
        }

        static ChangeWriter start(Opener source, boolean mysql) {
            ChangeWriter writer = new ChangeWriter(source, mysql);
            writer.ticks.scheduleWithFixedDelay(writer::writeOne, 0, 5, java.util.concurrent.TimeUnit.MILLISECONDS);
            return writer;
        }

        /** One statement per tick, on the schedule's single thread. */
        private void writeOne() {
            if (connection == null && System.nanoTime() < reconnectAt) {
                return; // the source is restarting
            }
            try {
                if (connection == null) {
                    connection = source.open();
                }
                int id = 1 + random.nextInt(300);
                try (Statement st = connection.createStatement()) {
                    switch (random.nextInt(4)) {
                        case 0, 1 -> st.execute("INSERT INTO accounts VALUES (" + id + ", 'n" + random.nextInt(1000)
                                + "', " + random.nextInt(100_000) / 100.0 + ")" + upsert);
                        case 2 -> st.execute("UPDATE accounts SET amount = amount + 1 WHERE id = " + id);
                        default -> st.execute("DELETE FROM accounts WHERE id = " + id);
                    }
                }
                written.incrementAndGet();
            } catch (Exception e) {
                closeConnection();
                reconnectAt = System.nanoTime() + RECONNECT_NANOS;
            }
        }

        private void closeConnection() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the source went away; nothing to release
                }
                connection = null;
            }
        }

        /** Waits until the writer has committed {@code changes} more statements than now (the source takes writes). */
        void awaitMoreChanges(int changes) {
            long target = written.get() + changes;
            await().atMost(LONG).until(() -> written.get() >= target);
        }

        @Override
        public void close() throws InterruptedException {
            ticks.shutdown();
            ticks.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            closeConnection(); // the schedule has ended: nothing else touches the connection
        }
    }
}
