package io.dtaas.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Distributed mode end to end: the packaged control-plane and transfer-workers as separate processes, with the
 * real Redis and PostgreSQL. Customer databases are reachable only under a name that only the workers can
 * resolve ({@code customer-db.dtaas.test}, through a JVM hosts file), so whatever works through the API
 * proves that the control-plane itself never connected to them.
 *
 * <p>Target tables carry a statement trigger that sleeps per COPY (one per chunk), read from a
 * {@code throttle} table: slow enough to act mid-table, then set to zero to finish quickly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedTransferIT {

    private static final String META = "dtaas_sys_meta";
    private static final String SRC = "dtaas_sys_src";
    private static final String DST = "dtaas_sys_dst";
    private static final String CUSTOMER_HOST = "customer-db.dtaas.test";
    private static final List<String> TABLES = List.of("t_alpha", "t_beta", "t_gamma");
    private static final int ROWS = 60_000;
    private static final int CHUNK = 2_000;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Map<String, AppProcess> workers = new HashMap<>();
    private static AppProcess controlPlane;
    private static ApiClient api;
    private static String base;
    private static Map<String, String> env;
    private static Path hostsFile;
    private static long source;
    private static long destination;

    @BeforeAll
    static void startCluster() throws Exception {
        AppProcess.clearLogs();
        PostgresFixture.freshDatabase(META);
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.freshDatabase(DST);
        for (String t : TABLES) {
            PostgresFixture.execute(SRC, "CREATE TABLE " + t + " (id bigint PRIMARY KEY, payload text, amount numeric(12,2))",
                    "INSERT INTO " + t + " SELECT g, repeat(md5(g::text || '" + t + "'), 4), g / 7.0"
                            + " FROM generate_series(1, " + ROWS + ") g");
        }
        PostgresFixture.execute(DST, "CREATE TABLE throttle (delay double precision NOT NULL)",
                "INSERT INTO throttle VALUES (0)",
                "CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN PERFORM pg_sleep((SELECT delay FROM throttle)); RETURN NULL; END $$");
        for (String t : TABLES) {
            PostgresFixture.execute(DST, "CREATE TABLE " + t + " (id bigint PRIMARY KEY, payload text, amount numeric(12,2))",
                    "CREATE TRIGGER slow BEFORE INSERT ON " + t + " FOR EACH STATEMENT EXECUTE FUNCTION slow_down()");
        }
        Path work = Files.createDirectories(Path.of("target", "system-work").toAbsolutePath());
        hostsFile = work.resolve("worker-hosts");
        Files.writeString(hostsFile, "127.0.0.1 " + CUSTOMER_HOST + "\n127.0.0.1 localhost\n127.0.0.1 "
                + InetAddress.getLocalHost().getHostName() + "\n");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://" + PostgresFixture.USER + "@127.0.0.1:" + PostgresFixture.PORT + "/" + META);
        env.put("REDIS_URL", "redis://127.0.0.1:6379");
        env.put("DTAAS_REDIS_PREFIX", "dtaas-sys-" + UUID.randomUUID() + ":");
        env.put("DTAAS_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        env.put("DTAAS_HOME", work.toString());
        env.put("DTAAS_WORKER_LEASE", LEASE.toSeconds() + "s");
        int port = AppProcess.freePort();
        base = "http://127.0.0.1:" + port;
        controlPlane = AppProcess.start("control-plane", ROOT.resolve("control-plane/target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx512m"), List.of("--no-browser", "--port", Integer.toString(port)), env);
        controlPlane.awaitHttpOk(base + "/q/health/ready", Duration.ofSeconds(90));
        api = new ApiClient(base);
        startWorker("worker-a");
        startWorker("worker-b");
        await().atMost(Duration.ofSeconds(60)).until(() -> workersOnline() == 2);
        source = connector("sys source", "source", SRC);
        destination = connector("sys destination", "destination", DST);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AppProcess w : workers.values()) {
            w.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    @Test
    @Order(1)
    void connectorCallsRunOnWorkers() throws Exception {
        JsonNode test = api.expect(200, "/api/connectors/" + source + "/test", null);
        assertThat(test.path("success").asBoolean()).as(test.toString()).isTrue();

        JsonNode tables = api.get("/api/connectors/" + source + "/tables?schema=public").body();
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsAll(TABLES);

        JsonNode result = api.expect(200, "/api/connectors/" + source + "/query",
                Map.of("sql", "SELECT count(*) AS n FROM t_beta"));
        assertThat(result.path("rows").get(0).get(0).asLong()).isEqualTo(ROWS);

        JsonNode preview = api.expect(200, "/api/transformations/preview", Map.of("connector_id", source,
                "table", "t_alpha", "limit", 3,
                "transformations", List.of(Map.of("type", "uppercase", "config", Map.of("column", "payload")))));
        assertThat(preview.path("after").path("rows")).hasSize(3);
        String before = preview.path("before").path("rows").get(0).get(1).asText();
        assertThat(preview.path("after").path("rows").get(0).get(1).asText()).isEqualTo(before.toUpperCase());

        Map<String, Object> wrong = new HashMap<>(config(SRC));
        wrong.put("database", "no_such_database_here");
        JsonNode failed = api.expect(200, "/api/connectors/test", Map.of("connector_type", "source",
                "source_type", "postgresql", "connection_config", wrong));
        assertThat(failed.path("success").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).contains("no_such_database_here");
    }

    @Test
    @Order(2)
    void aWorkerKilledMidTableCostsNoRow() throws Exception {
        long task = task("sys crash");
        List<String> live = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(base.replace("http", "ws") + "/ws?task_id=" + task), collector(live)).join();
        setDelay(0.25);
        long execution = api.expect(202, "/api/tasks/" + task + "/start", null).path("id").asLong();

        // both workers hold a table, and the one to kill has committed part of its table
        await().atMost(WAIT).until(() -> leaseHolders(task).size() == 2);
        Map<String, String> holders = leaseHolders(task);
        String victimTable = holders.entrySet().stream().filter(e -> e.getValue().startsWith(workerId("worker-a")))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        String victim = victimTable != null ? "worker-a" : "worker-b";
        String table = victimTable != null ? victimTable : holders.keySet().iterator().next();
        await().atMost(WAIT).until(() -> checkpoints(task, table) >= 2);
        assertThat(checkpoints(task, table)).as("killed mid-table").isLessThan(ROWS / CHUNK);
        workers.remove(victim).kill();

        setDelay(0);
        awaitTaskStatus(task, "completed");
        assertTargetEqualsSource();
        JsonNode lease = leaseOf(task, table);
        assertThat(lease.path("epoch").asLong()).as("the table was reclaimed").isGreaterThanOrEqualTo(2);
        assertThat(lease.path("worker").asText()).doesNotStartWith(workerId(victim));
        // the record is exact too: the reclaimed table counts the chunks its first worker committed, once
        JsonNode record = api.get("/api/executions/" + execution).body();
        assertThat(record.path("status").asText()).isEqualTo("completed");
        assertThat(record.path("processed_rows").asLong()).as(record.toString()).isEqualTo((long) ROWS * TABLES.size());
        assertThat(record.path("table_progress")).hasSize(TABLES.size());
        for (JsonNode t : record.path("table_progress")) {
            assertThat(t.path("state").asText()).as(t.toString()).isEqualTo("completed");
            assertThat(t.path("rows").asLong()).as(t.toString()).isEqualTo(ROWS);
            assertThat(t.path("chunks_done").asInt()).as(t.toString()).isEqualTo(ROWS / CHUNK);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> live.stream().anyMatch(m -> m.contains("\"completed\"")));
        assertThat(live).anyMatch(m -> m.contains("\"running\"") && m.contains("\"processed_rows\""));
        socket.abort();

        startWorker(victim); // two workers again for the next tests
        await().atMost(Duration.ofSeconds(60)).until(() -> workersOnline() == 2);
    }

    @Test
    @Order(3)
    void pauseResumeAndStopWorkAcrossProcesses() throws Exception {
        long task = task("sys pause");
        setDelay(0.25);
        api.expect(202, "/api/tasks/" + task + "/start", null);
        await().atMost(WAIT).until(() -> totalCheckpoints(task) >= 3);
        api.expect(202, "/api/tasks/" + task + "/pause", null);
        awaitTaskStatus(task, "paused");
        long pausedAt = totalCheckpoints(task);
        assertThat(pausedAt).as("paused mid-run").isLessThan((long) TABLES.size() * (ROWS / CHUNK));
        // nothing runs while paused: no checkpoint appears for two leases (a reclaim would have run by then)
        await().during(LEASE.multipliedBy(2)).atMost(LEASE.multipliedBy(3))
                .until(() -> totalCheckpoints(task) == pausedAt);

        setDelay(0);
        api.expect(202, "/api/tasks/" + task + "/resume", null);
        awaitTaskStatus(task, "completed");
        assertTargetEqualsSource();

        setDelay(0.25);
        api.expect(202, "/api/tasks/" + task + "/start", null);
        await().atMost(WAIT).until(() -> totalCheckpoints(task) >= 2);
        api.expect(202, "/api/tasks/" + task + "/stop", null);
        awaitTaskStatus(task, "stopped");
        long stoppedAt = totalCheckpoints(task);
        await().during(LEASE.multipliedBy(2)).atMost(LEASE.multipliedBy(3))
                .until(() -> totalCheckpoints(task) == stoppedAt); // nothing runs once stopped

        setDelay(0);
        api.expect(202, "/api/tasks/" + task + "/start", null);
        awaitTaskStatus(task, "completed");
        assertTargetEqualsSource();
    }

    @Test
    @Order(4)
    void aWorkerStoppedWithSigtermHandsItsTableBack() throws Exception {
        long task = task("sys sigterm");
        setDelay(0.25);
        api.expect(202, "/api/tasks/" + task + "/start", null);
        await().atMost(WAIT).until(() -> leaseHolders(task).size() == 2);
        String table = leaseHolders(task).entrySet().stream()
                .filter(e -> e.getValue().startsWith(workerId("worker-b"))).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
        await().atMost(WAIT).until(() -> checkpoints(task, table) >= 1);
        AppProcess b = workers.remove("worker-b");
        assertThat(b.terminate(Duration.ofSeconds(30))).as("worker-b exits on SIGTERM").isTrue();
        assertThat(b.tail()).contains("handed " + table);

        setDelay(0);
        awaitTaskStatus(task, "completed");
        assertTargetEqualsSource();
        assertThat(leaseOf(task, table).path("worker").asText()).doesNotStartWith(workerId("worker-b"));

        startWorker("worker-b");
        await().atMost(Duration.ofSeconds(60)).until(() -> workersOnline() == 2);
    }

    @Test
    @Order(5)
    void aStalledWorkerThatLostItsTableIsFencedOff() throws Exception {
        long task = task("sys zombie");
        setDelay(0.25);
        api.expect(202, "/api/tasks/" + task + "/start", null);
        await().atMost(WAIT).until(() -> leaseHolders(task).size() == 2);
        String table = leaseHolders(task).entrySet().stream()
                .filter(e -> e.getValue().startsWith(workerId("worker-a"))).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
        await().atMost(WAIT).until(() -> checkpoints(task, table) >= 1);
        AppProcess a = workers.get("worker-a");
        a.signal("STOP"); // frozen mid-chunk, like a long GC pause or a partition
        try {
            await().atMost(WAIT).until(() -> leaseOf(task, table).path("worker").asText().startsWith(workerId("worker-b")));
        } finally {
            a.signal("CONT");
        }
        await().atMost(WAIT).until(() -> a.tail().contains("was reclaimed by another worker"));

        setDelay(0);
        awaitTaskStatus(task, "completed");
        assertTargetEqualsSource();
        assertThat(leaseOf(task, table).path("epoch").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(6)
    void variablesAndTransformationsRunOnWorkers() throws Exception {
        api.expect(201, "/api/variables", Map.of("name", "sys_min_id", "variable_type", "db_query",
                "config", Map.of("connector_id", source, "query", "SELECT 100")));
        long task = api.expect(201, "/api/tasks", Map.of("name", "sys variables", "source_connector_id", source,
                "destination_connector_id", destination, "mode", "full_load", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("t_alpha"), "target_schema", "vars", "chunk_rows", CHUNK,
                        "queries", Map.of("t_alpha", "SELECT * FROM t_alpha WHERE id > {{sys_min_id}}"),
                        "transformations", Map.of("t_alpha",
                                List.of(Map.of("type", "uppercase", "config", Map.of("column", "payload")))))))
                .path("id").asLong();
        setDelay(0);
        JsonNode execution = api.expect(202, "/api/tasks/" + task + "/start", null);
        awaitTaskStatus(task, "completed");
        assertThat(api.get("/api/executions/" + execution.path("id").asLong()).body().path("variables")
                .path("sys_min_id").path("value").asLong()).isEqualTo(100);
        String expected = "SELECT md5(row(id, upper(payload), amount)::text) FROM t_alpha WHERE id > 100 ORDER BY 1";
        String actual = "SELECT md5(row(id, payload, amount)::text) FROM vars.t_alpha ORDER BY 1";
        assertThat(query(DST, actual)).hasSize(ROWS - 100).isEqualTo(query(SRC, expected));
    }

    @Test
    @Order(7)
    void aChangeStreamSurvivesItsWorkerBeingKilled() throws Exception {
        PostgresFixture.execute(SRC, "CREATE TABLE s_cdc (id bigint PRIMARY KEY, v text, n int)");
        long task = api.expect(201, "/api/tasks", Map.of("name", "sys cdc", "source_connector_id", source,
                "destination_connector_id", destination, "mode", "cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("s_cdc"), "batch_size", 500, "cdc_poll_interval", 1)))
                .path("id").asLong();
        String slot = "dtaas_task_" + task;
        try {
            api.expect(202, "/api/tasks/" + task + "/start", null);
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                PostgresFixture.execute(SRC, "INSERT INTO s_cdc VALUES (0, 'sentinel', 0) ON CONFLICT (id) DO UPDATE"
                        + " SET n = s_cdc.n + 1");
                return count(DST, "SELECT count(*) FROM s_cdc WHERE id = 0") == 1;
            });
            changeRows(1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(query(DST, CDC_ROWS)).isEqualTo(query(SRC, CDC_ROWS)));

            Map<String, String> holders = leaseHolders(task);
            String streamer = holders.get("*change stream*");
            String victim = streamer.startsWith(workerId("worker-a")) ? "worker-a" : "worker-b";
            workers.remove(victim).kill();
            changeRows(2); // while the stream has no worker
            await().atMost(WAIT).untilAsserted(() -> assertThat(query(DST, CDC_ROWS)).isEqualTo(query(SRC, CDC_ROWS)));
            JsonNode lease = leaseOf(task, "*change stream*");
            assertThat(lease.path("epoch").asLong()).as("the stream was reclaimed").isGreaterThanOrEqualTo(2);
            assertThat(lease.path("worker").asText()).doesNotStartWith(workerId(victim));

            api.expect(202, "/api/tasks/" + task + "/stop", null);
            awaitTaskStatus(task, "stopped");
            startWorker(victim);
        } finally {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("postgres",
                    "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active") == 0);
            PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'");
        }
    }

    private static final String HANDOFF_ROWS = "SELECT md5(row(id, v, n)::text) FROM f_cdc ORDER BY 1";
    private static final int HANDOFF_SOURCE_ROWS = 30_000;

    /**
     * {@code full_load_then_cdc} on transfer-workers (issue 13): a writer changes the source throughout; the worker
     * holding the execution is SIGKILLed once during the load (another worker redoes the load from a fresh start
     * position) and once while streaming (another resumes from the offsets in Redis); the target ends equal to the
     * source row for row.
     */
    @Test
    @Order(8)
    void fullLoadThenCdcSurvivesItsWorkerBeingKilledDuringTheLoadAndWhileStreaming() throws Exception {
        PostgresFixture.execute(SRC, "CREATE TABLE f_cdc (id bigint PRIMARY KEY, v text, n int)",
                "INSERT INTO f_cdc SELECT g, 'v' || g, g % 100 FROM generate_series(1, " + HANDOFF_SOURCE_ROWS + ") g");
        // the load's staging table gets the throttle trigger, so the load is slow enough to be killed in the middle
        PostgresFixture.execute(DST, "CREATE FUNCTION slow_new_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                        + " DECLARE r record; BEGIN FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP"
                        + " IF position('f_cdc__dtaas_new' in r.object_identity) > 0 AND r.object_type = 'table' THEN"
                        + " EXECUTE format('CREATE TRIGGER slow BEFORE INSERT ON %s FOR EACH STATEMENT EXECUTE FUNCTION"
                        + " slow_down()', r.object_identity); END IF; END LOOP; END $$",
                "CREATE EVENT TRIGGER slow_staging ON ddl_command_end WHEN TAG IN ('CREATE TABLE')"
                        + " EXECUTE FUNCTION slow_new_tables()");
        long task = api.expect(201, "/api/tasks", Map.of("name", "sys handoff", "source_connector_id", source,
                "destination_connector_id", destination, "mode", "full_load_then_cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("f_cdc"), "chunk_rows", 1000, "batch_size", 1000,
                        "max_parallel_chunks", 1, "cdc_poll_interval", 1))).path("id").asLong();
        String slot = "dtaas_task_" + task;
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong seed = new java.util.concurrent.atomic.AtomicLong(100);
        java.util.concurrent.CompletableFuture<Void> writer = java.util.concurrent.CompletableFuture.runAsync(() ->
                io.dtaas.testing.PacedTicks.run(Duration.ofMillis(50), () -> !writing.get(),
                        () -> changeHandoffRows(seed.getAndIncrement())));
        try {
            setDelay(0.2);
            long execution = api.expect(202, "/api/tasks/" + task + "/start", null).path("id").asLong();
            // killed during the load: the holder has committed rows, the handoff has not happened
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> leaseHolders(task)
                    .containsKey("*change stream*") && api.get("/api/executions/" + execution).body()
                    .path("processed_rows").asLong() > 0);
            assertThat(handoffDone(task)).isFalse();
            String loader = holderOf(task);
            workers.remove(loader).kill();
            startWorker(loader);
            setDelay(0.02);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> handoffDone(task));
            JsonNode lease = leaseOf(task, "*change stream*");
            assertThat(lease.path("epoch").asLong()).as("the load was taken over").isGreaterThanOrEqualTo(2);
            setDelay(0);

            // killed while streaming: the next worker resumes from the offsets in Redis
            long streamEpoch = lease.path("epoch").asLong();
            long ticksAtHandoff = seed.get();
            await().atMost(WAIT).until(() -> seed.get() >= ticksAtHandoff + 20); // the stream has changes to carry
            String streamer = holderOf(task);
            workers.remove(streamer).kill();
            startWorker(streamer);
            // changes keep coming while the stream moves to another worker
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                    leaseOf(task, "*change stream*").path("epoch").asLong() > streamEpoch);
            long ticksAtTakeover = seed.get();
            await().atMost(WAIT).until(() -> seed.get() >= ticksAtTakeover + 20);
            writing.set(false);
            writer.join();
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(query(DST, HANDOFF_ROWS)).isEqualTo(query(SRC, HANDOFF_ROWS)));
            assertThat(leaseOf(task, "*change stream*").path("epoch").asLong()).as("the stream was taken over")
                    .isGreaterThanOrEqualTo(3);
            assertThat(api.get("/api/executions/" + execution).body().path("status").asText()).isEqualTo("running");

            api.expect(202, "/api/tasks/" + task + "/stop", null);
            awaitTaskStatus(task, "stopped");
        } finally {
            writing.set(false);
            PostgresFixture.execute(DST, "DROP EVENT TRIGGER IF EXISTS slow_staging");
            await().atMost(Duration.ofSeconds(30)).until(() -> count("postgres",
                    "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active") == 0);
            PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'");
        }
    }

    /**
     * Per-table requests reach the worker running the stream (issue 16): with a writer changing every table, a
     * table added by PUT is backfilled online and then streams, one is resynced online, one paused and resumed;
     * the untouched tables keep streaming meanwhile and every table ends equal to its source row for row. The
     * phases come back in the execution's {@code table_progress}, the stream's metrics in its {@code cdc}.
     */
    @Test
    @Order(9)
    void tablesAreAddedResyncedPausedAndResumedOnAWorkersRunningStream() throws Exception {
        TableLifecycleScenario scenario = new TableLifecycleScenario(() -> api, TableLifecycleScenario.SourceKind.POSTGRESQL,
                "dtaas_sys_h16_src", "dtaas_sys_h16_dst", Map.of("a", 10_000, "b", 60_000, "c", 60_000));
        long task = scenario.task("sys lifecycle pg", List.of("a", "b"), CUSTOMER_HOST);
        scenario.addResyncPauseResume(task);
        JsonNode execution = api.get("/api/executions/" + scenario.latestExecution(task)).body();
        assertThat(execution.path("cdc").path("changes").size()).as(execution.toString()).isPositive();
    }

    /** The same from a MariaDB source (its signal table lives in the source database). */
    @Test
    @Order(10)
    void mariaDbTablesAreAddedResyncedPausedAndResumedOnAWorkersRunningStream() throws Exception {
        TableLifecycleScenario scenario = new TableLifecycleScenario(() -> api, TableLifecycleScenario.SourceKind.MARIADB,
                "dtaas_sys_h16_msrc", "dtaas_sys_h16_mdst", Map.of("a", 10_000, "b", 60_000, "c", 60_000));
        scenario.addResyncPauseResume(scenario.task("sys lifecycle maria", List.of("a", "b"), CUSTOMER_HOST));
    }

    /**
     * The worker running the stream is SIGKILLed while a table added by PUT is being backfilled: the other worker
     * takes the stream over with the added table (the settings the stream was reconfigured with travel in Redis),
     * the copy goes on from its last committed chunk, and every table ends equal to its source row for row.
     */
    @Test
    @Order(11)
    void aWorkerKilledDuringAnAddedTablesBackfillResumesTheCopy() throws Exception {
        TableLifecycleScenario scenario = new TableLifecycleScenario(() -> api, TableLifecycleScenario.SourceKind.POSTGRESQL,
                "dtaas_sys_h16_ksrc", "dtaas_sys_h16_kdst", Map.of("a", 10_000, "big", 200_000));
        long task = scenario.task("sys lifecycle kill", List.of("a"), CUSTOMER_HOST);
        scenario.killDuringBackfill(task, "a", "big", 60_000, () -> {
            String holder = holderOf(task);
            workers.remove(holder).kill();
            startWorker(holder);
        }, () -> {
            try {
                return workers.get(holderOf(task)).output();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> redisGet(env.get("DTAAS_REDIS_PREFIX") + "cdc:tables:dtaas_task_" + task));
        assertThat(leaseOf(task, "*change stream*").path("epoch").asLong()).as("the stream was taken over")
                .isGreaterThanOrEqualTo(2);
    }

    private static String redisGet(String key) {
        try {
            Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "--raw", "GET", key)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which of our workers holds the task's stream lease. */
    private static String holderOf(long task) throws Exception {
        String holder = leaseHolders(task).get("*change stream*");
        return workerIds.entrySet().stream().filter(e -> holder.startsWith(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no known worker holds the stream: " + holder));
    }

    /** Whether the handoff marker is in Redis (the load completed and handed over to the stream). */
    private static boolean handoffDone(long task) throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "EXISTS",
                env.get("DTAAS_REDIS_PREFIX") + "cdc:handoff:dtaas_task_" + task).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.equals("1");
    }

    /** A few random inserts, updates and deletes over the whole key range, some beyond the loaded rows. */
    private static void changeHandoffRows(long seed) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        try (Connection c = PostgresFixture.connect(SRC); Statement st = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                int id = 1 + random.nextInt(HANDOFF_SOURCE_ROWS + 2_000);
                switch (random.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO f_cdc VALUES (" + id + ", 'w" + random.nextInt(1000) + "', "
                            + random.nextInt(100) + ") ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v, n = EXCLUDED.n");
                    case 1 -> st.execute("UPDATE f_cdc SET n = n + 1, v = NULL WHERE id = " + id);
                    default -> st.execute("DELETE FROM f_cdc WHERE id = " + id);
                }
            }
        }
    }

    private static final String CDC_ROWS = "SELECT md5(row(id, v, n)::text) FROM s_cdc ORDER BY 1";

    /** Random inserts, updates and deletes on overlapping keys. */
    private static void changeRows(long seed) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        try (Connection c = PostgresFixture.connect(SRC); Statement st = c.createStatement()) {
            for (int i = 0; i < 400; i++) {
                int id = 1 + random.nextInt(150);
                switch (random.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO s_cdc VALUES (" + id + ", 'v" + random.nextInt(1000) + "', "
                            + random.nextInt(100) + ") ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v, n = EXCLUDED.n");
                    case 1 -> st.execute("UPDATE s_cdc SET n = n + 1, v = NULL WHERE id = " + id);
                    default -> st.execute("DELETE FROM s_cdc WHERE id = " + id);
                }
            }
        }
    }

    private static List<String> query(String db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    // ---- helpers

    private static void startWorker(String name) throws Exception {
        int port = AppProcess.freePort();
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("WORKER_PORT", Integer.toString(port));
        workerEnv.put("MAX_WORKERS", "1");
        AppProcess worker = AppProcess.start(name + "-" + System.nanoTime(),
                ROOT.resolve("transfer-worker/target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx512m", "-Djdk.net.hosts.file=" + hostsFile), List.of(), workerEnv);
        worker.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/live", Duration.ofSeconds(90));
        workers.put(name, worker);
        workerIds.put(name, liveWorkerId(port));
    }

    private static final Map<String, String> workerIds = new HashMap<>();

    private static String liveWorkerId(int port) throws Exception {
        JsonNode health = new ApiClient("http://127.0.0.1:" + port).get("/q/health/live").body();
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals("transfer-worker")) {
                return check.path("data").path("worker_id").asText();
            }
        }
        throw new AssertionError("no worker id in " + health);
    }

    private static String workerId(String name) {
        return workerIds.get(name);
    }

    private static int workersOnline() throws Exception {
        return api.get("/api/dashboard/stats").body().path("workers").path("online").asInt();
    }

    private static Map<String, Object> config(String database) {
        Map<String, Object> config = new HashMap<>(PostgresFixture.connectionConfig(database));
        config.put("host", CUSTOMER_HOST);
        return config;
    }

    private static long connector(String name, String role, String database) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("connector_type", role);
        body.put(role + "_type", "postgresql");
        body.put("connection_config", config(database));
        return api.expect(201, "/api/connectors", body).path("id").asLong();
    }

    private static long task(String name) throws Exception {
        return api.expect(201, "/api/tasks", Map.of("name", name, "source_connector_id", source,
                "destination_connector_id", destination, "mode", "full_load", "schedule_type", "on_demand",
                "config", Map.of("tables", TABLES, "chunk_rows", CHUNK, "batch_size", CHUNK, "max_parallel_chunks", 1)))
                .path("id").asLong();
    }

    private static void awaitTaskStatus(long task, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            String now = api.get("/api/tasks/" + task).body().path("status").asText();
            if (now.equals("failed") && !status.equals("failed")) {
                throw new AssertionError("task " + task + " failed: " + api.get("/api/tasks/" + task + "/executions").body()
                        + "\nworkers:\n" + workers.values().stream().map(AppProcess::tail).reduce("", String::concat));
            }
            return now.equals(status);
        });
    }

    private static void setDelay(double seconds) throws Exception {
        PostgresFixture.execute(DST, "UPDATE throttle SET delay = " + seconds);
    }

    /** Table → worker id of the current lease. */
    private static Map<String, String> leaseHolders(long task) throws Exception {
        Map<String, String> holders = new HashMap<>();
        try (Connection c = PostgresFixture.connect(META); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, worker_id FROM table_leases WHERE task_id = " + task
                     + " AND execution_id = (SELECT max(id) FROM executions WHERE task_id = " + task + ")")) {
            while (rs.next()) {
                holders.put(rs.getString(1), rs.getString(2));
            }
        }
        return holders;
    }

    private static JsonNode leaseOf(long task, String table) throws Exception {
        try (Connection c = PostgresFixture.connect(META); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT epoch, worker_id FROM table_leases WHERE task_id = " + task
                     + " AND table_name = '" + table + "'")) {
            assertThat(rs.next()).isTrue();
            return new ObjectMapper().createObjectNode().put("epoch", rs.getLong(1)).put("worker", rs.getString(2));
        }
    }

    private static long checkpoints(long task, String table) throws Exception {
        return count(META, "SELECT count(*) FROM chunk_checkpoints WHERE task_id = " + task + " AND table_name = '"
                + table + "'");
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

    /** Every table: same row count, and the same multiset of per-row checksums. */
    private static void assertTargetEqualsSource() throws Exception {
        for (String t : TABLES) {
            List<String> expected = checksums(SRC, t);
            List<String> actual = checksums(DST, t);
            assertThat(actual).as(t + " row count").hasSize(expected.size());
            assertThat(actual).as(t + " rows").isEqualTo(expected);
        }
    }

    private static List<String> checksums(String db, String table) throws Exception {
        List<String> sums = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT md5(t::text) FROM " + table + " t ORDER BY 1")) {
            while (rs.next()) {
                sums.add(rs.getString(1));
            }
        }
        return sums;
    }

    private static WebSocket.Listener collector(List<String> into) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    into.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }
}
