package io.dtaas.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.ThrowawayRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection around a distributed full load (issue 12): the packaged control-plane and two workers as
 * processes, on a Redis of their own (restarted empty here, never the machine's) and the shared PostgreSQL with
 * this class's own databases. Each case ends with the target compared with the source row for row AND the
 * execution record checked: status, total rows, every table listed with its final state and exact rows.
 *
 * <p>Each worker runs one job at a time, so two of the four tables wait queued while two load: a Redis emptied
 * then loses the queued jobs, which only the metadata database still knows about. Target tables sleep per COPY
 * (one per chunk, read from {@code throttle}) so faults land mid-table; the delay drops to zero to finish.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedFaultsIT {

    private static final String META = "dtaas_fault_meta";
    private static final String SRC = "dtaas_fault_src";
    private static final String DST = "dtaas_fault_dst";
    private static final List<String> TABLES = List.of("f_one", "f_two", "f_three", "f_four");
    private static final int ROWS = 120_000;
    private static final int CHUNK = 6_000;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static ThrowawayRedis redis;
    private static final Map<String, AppProcess> workers = new LinkedHashMap<>();
    private static AppProcess controlPlane;
    private static ApiClient api;
    private static int port;
    private static Map<String, String> env;
    private static long source;
    private static long destination;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = ThrowawayRedis.launch();
        PostgresFixture.freshDatabase(META);
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.freshDatabase(DST);
        List<String> all = new ArrayList<>(TABLES);
        all.add("f_bad");
        for (String t : all) {
            PostgresFixture.execute(SRC, "CREATE TABLE " + t + " (id bigint PRIMARY KEY, payload text, amount numeric(12,2))",
                    "INSERT INTO " + t + " SELECT g, md5(g::text || '" + t + "'), g / 7.0 FROM generate_series(1, "
                            + ROWS + ") g");
        }
        PostgresFixture.execute(DST, "CREATE TABLE throttle (delay double precision NOT NULL)",
                "INSERT INTO throttle VALUES (0)",
                "CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN PERFORM pg_sleep((SELECT delay FROM throttle)); RETURN NULL; END $$");
        for (String t : all) {
            // f_bad refuses ids above three chunks' worth: its fourth chunk fails for good (a data error)
            String check = t.equals("f_bad") ? ", CHECK (id <= " + 3 * CHUNK + ")" : "";
            PostgresFixture.execute(DST, "CREATE TABLE " + t + " (id bigint PRIMARY KEY, payload text, amount numeric(12,2)"
                            + check + ")",
                    "CREATE TRIGGER slow BEFORE INSERT ON " + t + " FOR EACH STATEMENT EXECUTE FUNCTION slow_down()");
        }
        Path work = Files.createDirectories(Path.of("target", "system-work-faults").toAbsolutePath());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://" + PostgresFixture.USER + "@127.0.0.1:" + PostgresFixture.PORT + "/" + META);
        env.put("REDIS_URL", redis.url());
        env.put("DTAAS_REDIS_PREFIX", "dtaas-faults:");
        env.put("DTAAS_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        env.put("DTAAS_HOME", work.toString());
        env.put("DTAAS_WORKER_LEASE", LEASE.toSeconds() + "s");
        env.put("DTAAS_RECONCILE_INTERVAL", "1s");
        port = AppProcess.freePort();
        startControlPlane();
        startWorker("fault-worker-a");
        startWorker("fault-worker-b");
        await().atMost(Duration.ofSeconds(60)).until(() -> workersOnline() == 2);
        source = connector("fault source", "source", SRC);
        destination = connector("fault destination", "destination", DST);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AppProcess w : workers.values()) {
            w.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyTargets() throws Exception {
        setDelay(0);
        for (String t : TABLES) {
            PostgresFixture.execute(DST, "TRUNCATE " + t);
        }
        PostgresFixture.execute(DST, "TRUNCATE f_bad");
    }

    @Test
    @Order(1)
    void redisRestartedEmptyMidLoadLosesNoTableAndNoRow() throws Exception {
        long task = task("fault redis", TABLES);
        setDelay(0.3);
        long execution = start(task);
        // two tables load (one per worker), two wait queued: the queue is what an empty Redis loses
        await().atMost(WAIT).until(() -> runningTables(execution).size() == 2
                && runningTables(execution).stream().allMatch(t -> checkpoints(task, t) >= 2));
        assertThat(recordedTables(execution)).as("the plan is in the metadata database").hasSize(4);

        redis.stop();
        JsonNode down = redisCheck();
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("data").path("reason").asText()).as("health says why")
                .contains("Redis does not answer"); // the driver's own words vary: refused, closed, reset
        redis.restart(); // no persistence: it comes back empty
        await().atMost(WAIT).until(() -> redisCheck().path("status").asText().equals("UP"));

        setDelay(0);
        awaitStatus(task, "completed");
        assertTargetEqualsSource(TABLES);
        assertRecord(execution, "completed", TABLES);
        assertThat(redispatched(execution)).as("the queued tables' jobs were lost and queued again").isGreaterThanOrEqualTo(2);

        // NOGROUP is handled, not logged every second
        for (AppProcess p : processes()) {
            assertThat(p.tail(100_000).lines().filter(l -> l.contains("NOGROUP")).count()).as(p.toString()).isLessThan(5);
        }
        assertThat(controlPlane.tail(100_000)).contains("recreated them");
        assertThat(redisCheck().path("data").has("groups_recreated_at")).as(redisCheck().toString()).isTrue();
    }

    @Test
    @Order(2)
    void aControlPlaneKilledMidLoadStillRecordsEveryTableOnce() throws Exception {
        long task = task("fault control-plane", TABLES);
        setDelay(0.2);
        long execution = start(task);
        await().atMost(WAIT).until(() -> runningTables(execution).size() == 2
                && runningTables(execution).stream().allMatch(t -> checkpoints(task, t) >= 2));
        controlPlane.kill();

        // the load goes on without it: tables end, their reports wait in Redis
        setDelay(0);
        await().atMost(WAIT).until(() -> endedTables(execution) >= 3);
        startControlPlane();

        awaitStatus(task, "completed");
        assertTargetEqualsSource(TABLES);
        assertRecord(execution, "completed", TABLES);
    }

    @Test
    @Order(3)
    void aFailingTableFailsTheExecutionAndLeavesNoTableRunning() throws Exception {
        List<String> tables = List.of("f_one", "f_bad", "f_two");
        long task = task("fault failing table", tables, 0);
        long execution = start(task);
        awaitStatus(task, "failed");
        assertTargetEqualsSource(List.of("f_one", "f_two"));

        JsonNode e = api.get("/api/executions/" + execution).body();
        assertThat(e.path("error_message").asText()).contains("f_bad");
        Map<String, JsonNode> byTable = byTable(e);
        assertThat(byTable.keySet()).containsExactlyInAnyOrder("public.f_one", "public.f_bad", "public.f_two");
        assertThat(byTable.values()).extracting(t -> t.path("state").asText()).doesNotContain("running", "pending");
        assertThat(byTable.get("public.f_bad").path("state").asText()).isEqualTo("failed");
        assertThat(byTable.get("public.f_bad").path("error").asText()).contains("f_bad");
        assertThat(byTable.get("public.f_one").path("state").asText()).isEqualTo("completed");
        assertThat(byTable.get("public.f_two").path("state").asText()).isEqualTo("completed");
        long bad = count(DST, "SELECT count(*) FROM f_bad");
        assertThat(byTable.get("public.f_bad").path("rows").asLong()).as("the failed table's committed rows").isEqualTo(bad);
        assertThat(e.path("processed_rows").asLong()).isEqualTo(2L * ROWS + bad);
    }

    @Test
    @Order(4)
    void aStopAfterRedisLostTheQueueEndsTheExecutionStopped() throws Exception {
        long task = task("fault stop", TABLES);
        setDelay(0.3);
        long execution = start(task);
        await().atMost(WAIT).until(() -> runningTables(execution).size() == 2
                && runningTables(execution).stream().allMatch(t -> checkpoints(task, t) >= 1));
        redis.stop();
        redis.restart(); // empty: the two queued tables' jobs are gone, the stop must still end everything

        api.expect(202, "/api/tasks/" + task + "/stop", null);
        awaitStatus(task, "stopped");
        JsonNode e = api.get("/api/executions/" + execution).body();
        Map<String, JsonNode> byTable = byTable(e);
        assertThat(byTable).hasSize(4);
        assertThat(byTable.values()).extracting(t -> t.path("state").asText()).doesNotContain("running", "pending");
        long total = 0;
        for (String t : TABLES) {
            total += count(DST, "SELECT count(*) FROM " + t);
        }
        assertThat(e.path("processed_rows").asLong()).as("the record counts what was written").isEqualTo(total);
        long written = totalCheckpoints(task);
        setDelay(0);
        // nothing runs once stopped: no chunk is committed for two leases (a re-queued job would have run by then)
        await().during(LEASE.multipliedBy(2)).atMost(LEASE.multipliedBy(4)).until(() -> totalCheckpoints(task) == written);
    }

    // ---- the record

    /** Completed (or as given), the exact total, and every table listed once with its final state and rows. */
    private static void assertRecord(long execution, String status, List<String> tables) throws Exception {
        JsonNode e = api.get("/api/executions/" + execution).body();
        assertThat(e.path("status").asText()).as(e.toString()).isEqualTo(status);
        assertThat(e.path("processed_rows").asLong()).as("total rows").isEqualTo((long) ROWS * tables.size());
        Map<String, JsonNode> byTable = byTable(e);
        assertThat(byTable.keySet()).as("every table listed once")
                .containsExactlyInAnyOrderElementsOf(tables.stream().map(t -> "public." + t).toList());
        for (JsonNode t : byTable.values()) {
            assertThat(t.path("state").asText()).as(t.toString()).isEqualTo("completed");
            assertThat(t.path("rows").asLong()).as(t.toString()).isEqualTo(ROWS);
            assertThat(t.path("chunks_done").asInt()).as(t.toString()).isEqualTo(ROWS / CHUNK);
        }
    }

    private static Map<String, JsonNode> byTable(JsonNode execution) {
        Map<String, JsonNode> byTable = new LinkedHashMap<>();
        for (JsonNode t : execution.path("table_progress")) {
            assertThat(byTable.put(t.path("table").asText(), t)).as("listed twice: " + t).isNull();
        }
        return byTable;
    }

    // ---- cluster

    private static void startControlPlane() throws Exception {
        controlPlane = AppProcess.start("fault-control-plane-" + System.nanoTime(),
                ROOT.resolve("control-plane/target/quarkus-app/quarkus-run.jar"), List.of("-Xmx512m"),
                List.of("--no-browser", "--port", Integer.toString(port)), env);
        controlPlane.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(90));
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    private static void startWorker(String name) throws Exception {
        int workerPort = AppProcess.freePort();
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("WORKER_PORT", Integer.toString(workerPort));
        workerEnv.put("MAX_WORKERS", "1");
        AppProcess worker = AppProcess.start(name + "-" + System.nanoTime(),
                ROOT.resolve("transfer-worker/target/quarkus-app/quarkus-run.jar"), List.of("-Xmx512m"), List.of(),
                workerEnv);
        worker.awaitHttpOk("http://127.0.0.1:" + workerPort + "/q/health/live", Duration.ofSeconds(90));
        workers.put(name, worker);
    }

    private static List<AppProcess> processes() {
        List<AppProcess> all = new ArrayList<>(workers.values());
        all.add(controlPlane);
        return all;
    }

    private static JsonNode health() throws Exception {
        return api.get("/q/health").body();
    }

    /** The control-plane's check of Redis streams and groups in /q/health. */
    private static JsonNode redisCheck() throws Exception {
        for (JsonNode check : health().path("checks")) {
            if (check.path("name").asText().equals("redis-streams")) {
                return check;
            }
        }
        throw new AssertionError("no redis-streams check in " + health());
    }

    private static int workersOnline() throws Exception {
        return api.get("/api/dashboard/stats").body().path("workers").path("online").asInt();
    }

    private static long connector(String name, String role, String database) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("connector_type", role);
        body.put(role + "_type", "postgresql");
        body.put("connection_config", PostgresFixture.connectionConfig(database));
        return api.expect(201, "/api/connectors", body).path("id").asLong();
    }

    private static long task(String name, List<String> tables) throws Exception {
        return task(name, tables, 3);
    }

    private static long task(String name, List<String> tables, int maxRetries) throws Exception {
        return api.expect(201, "/api/tasks", Map.of("name", name, "source_connector_id", source,
                "destination_connector_id", destination, "mode", "full_load", "schedule_type", "on_demand",
                "config", Map.of("tables", tables, "chunk_rows", CHUNK, "batch_size", CHUNK, "max_parallel_chunks", 1,
                        "max_retries", maxRetries)))
                .path("id").asLong();
    }

    private static long start(long task) throws Exception {
        return api.expect(202, "/api/tasks/" + task + "/start", null).path("id").asLong();
    }

    private static void awaitStatus(long task, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            String now = api.get("/api/tasks/" + task).body().path("status").asText();
            if (!now.equals(status) && List.of("failed", "completed", "stopped", "paused").contains(now)) {
                throw new AssertionError("task " + task + " ended " + now + ": "
                        + api.get("/api/tasks/" + task + "/executions").body());
            }
            return now.equals(status);
        });
    }

    private static void setDelay(double seconds) throws Exception {
        PostgresFixture.execute(DST, "UPDATE throttle SET delay = " + seconds);
    }

    // ---- the metadata database

    private static List<String> runningTables(long execution) throws Exception {
        return strings(META, "SELECT table_name FROM execution_tables WHERE execution_id = " + execution
                + " AND state = 'running' AND outcome IS NULL");
    }

    private static List<String> recordedTables(long execution) throws Exception {
        return strings(META, "SELECT table_name FROM execution_tables WHERE execution_id = " + execution);
    }

    private static long endedTables(long execution) throws Exception {
        return count(META, "SELECT count(*) FROM execution_tables WHERE execution_id = " + execution
                + " AND outcome IS NOT NULL");
    }

    private static long redispatched(long execution) throws Exception {
        return count(META, "SELECT coalesce(sum(redispatched), 0) FROM execution_tables WHERE execution_id = " + execution);
    }

    private static long checkpoints(long task, String table) {
        try {
            return count(META, "SELECT count(*) FROM chunk_checkpoints WHERE task_id = " + task + " AND table_name = '"
                    + table + "'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long totalCheckpoints(long task) throws Exception {
        return count(META, "SELECT count(*) FROM chunk_checkpoints WHERE task_id = " + task);
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(String db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Every table: same row count, and the same multiset of per-row checksums. */
    private static void assertTargetEqualsSource(List<String> tables) throws Exception {
        for (String t : tables) {
            List<String> expected = strings(SRC, "SELECT md5(t::text) FROM " + t + " t ORDER BY 1");
            List<String> actual = strings(DST, "SELECT md5(t::text) FROM " + t + " t ORDER BY 1");
            assertThat(actual).as(t + " row count").hasSize(expected.size());
            assertThat(actual).as(t + " rows").isEqualTo(expected);
        }
    }
}
