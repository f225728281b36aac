package io.dtaas.system;

import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code full_load_then_cdc} task in standalone mode, where the control-plane process is the worker: it is
 * SIGKILLed during the load and again while streaming, restarted, and the task resumed each time, while a writer
 * keeps changing the source. Once the writer stops, the target equals the source row for row.
 *
 * <p>The load is slowed by an event trigger in the target database that gives every staging table
 * ({@code …__dtaas_new}) a statement trigger sleeping per COPY (one per chunk), so the kill lands mid-load.
 */
class StandaloneCdcCrashIT {

    private static final String META = "dtaas_sys_std_meta";
    private static final String SRC = "dtaas_sys_std_src";
    private static final String DST = "dtaas_sys_std_dst";
    private static final int ROWS = 60_000;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String CHECKSUMS = "SELECT md5(row(id, v, n)::text) FROM f_orders ORDER BY 1";

    private static Map<String, String> env;
    private static int port;
    private static AppProcess controlPlane;
    private static ApiClient api;

    @BeforeAll
    static void prepare() throws Exception {
        PostgresFixture.freshDatabase(META);
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.freshDatabase(DST);
        PostgresFixture.execute(SRC, "CREATE TABLE f_orders (id bigint PRIMARY KEY, v text, n int)",
                "INSERT INTO f_orders SELECT g, md5(g::text), g % 1000 FROM generate_series(1, " + ROWS + ") g");
        PostgresFixture.execute(DST, "CREATE TABLE throttle (delay double precision NOT NULL)",
                "INSERT INTO throttle VALUES (0.3)",
                "CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN PERFORM pg_sleep((SELECT delay FROM throttle)); RETURN NULL; END $$",
                "CREATE FUNCTION throttle_staging() RETURNS event_trigger LANGUAGE plpgsql AS $$ DECLARE r record; BEGIN "
                        + "FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' LOOP "
                        + "IF r.object_identity LIKE '%\\_\\_dtaas\\_new' THEN EXECUTE format("
                        + "'CREATE TRIGGER slow BEFORE INSERT ON %s FOR EACH STATEMENT EXECUTE FUNCTION slow_down()', "
                        + "r.object_identity); END IF; END LOOP; END $$",
                "CREATE EVENT TRIGGER throttle_staging ON ddl_command_end WHEN TAG IN ('CREATE TABLE') "
                        + "EXECUTE FUNCTION throttle_staging()");
        Path home = Path.of("target", "system-work", "standalone").toAbsolutePath();
        deleteRecursively(home); // task ids restart with the fresh metadata database: no state from a previous run
        Files.createDirectories(home);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://" + PostgresFixture.USER + "@127.0.0.1:" + PostgresFixture.PORT + "/" + META);
        env.put("DTAAS_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        env.put("DTAAS_HOME", home.toString());
        env.put("MAX_WORKERS", "2");
        port = AppProcess.freePort();
        api = new ApiClient("http://127.0.0.1:" + port);
        startControlPlane();
    }

    @AfterAll
    static void stop() throws Exception {
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    private static void startControlPlane() throws Exception {
        controlPlane = AppProcess.start("standalone-" + System.nanoTime(),
                ROOT.resolve("control-plane/target/quarkus-app/quarkus-run.jar"), List.of("-Xmx512m"),
                List.of("--no-browser", "--port", Integer.toString(port)), env);
        controlPlane.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(90));
    }

    @Test
    void killedDuringTheLoadAndWhileStreamingItStillConvergesExactly() throws Exception {
        long source = connector("source", SRC);
        long destination = connector("destination", DST);
        long task = api.expect(201, "/api/tasks", Map.of("name", "crash handoff", "source_connector_id", source,
                "destination_connector_id", destination, "mode", "full_load_then_cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("f_orders"), "chunk_rows", 2000, "batch_size", 2000,
                        "max_parallel_chunks", 1, "cdc_poll_interval", 1))).path("id").asLong();
        String slot = "dtaas_task_" + task;
        Path marker = Path.of(env.get("DTAAS_HOME"), "cdc", "task-" + task, "handoff.done");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> write(writing, writerError));
        try {
            api.expect(202, "/api/tasks/" + task + "/start", null);
            // mid-load: some chunks of the staging table committed, not all
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> stagingRows() >= 4000);
            assertThat(stagingRows()).as("killed during the load").isLessThan(ROWS);
            controlPlane.kill();

            startControlPlane(); // restart recovery marks the interrupted execution failed
            PostgresFixture.execute(DST, "UPDATE throttle SET delay = 0");
            awaitStatus(task, "failed");
            api.expect(202, "/api/tasks/" + task + "/resume", null);
            await().atMost(WAIT).until(() -> Files.exists(marker)); // the load completed, streaming started
            awaitStreamed(-1); // the stream applies changes
            controlPlane.kill();

            startControlPlane();
            awaitStatus(task, "failed");
            api.expect(202, "/api/tasks/" + task + "/resume", null);
            awaitStatus(task, "running");
            awaitStreamed(-2); // the resumed stream applies changes
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(writerError.get()).isNull();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(query(DST, CHECKSUMS)).isEqualTo(query(SRC, CHECKSUMS)));
        api.expect(202, "/api/tasks/" + task + "/stop", null);
        awaitStatus(task, "stopped");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("postgres",
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active") == 0);
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + slot + "'");
    }

    /**
     * Issue 16: the process is SIGKILLed while a table added to the running stream by PUT is being backfilled,
     * with a writer changing both tables; restarted and resumed, the copy goes on from its last committed chunk
     * (Debezium restores its position, past the rows copied before the kill) and both tables end equal to their
     * source.
     */
    @Test
    void killedDuringAnAddedTablesBackfillItResumesTheCopyExactly() throws Exception {
        TableLifecycleScenario scenario = new TableLifecycleScenario(() -> api,
                TableLifecycleScenario.SourceKind.POSTGRESQL, "dtaas_sys_std_h16_src", "dtaas_sys_std_h16_dst",
                Map.of("a", 10_000, "big", 200_000));
        long task = scenario.task("std lifecycle kill", List.of("a"), "127.0.0.1");
        scenario.killDuringBackfill(task, "a", "big", 60_000, () -> {
            controlPlane.kill();
            startControlPlane(); // restart recovery marks the interrupted execution failed
            awaitStatus(task, "failed");
            api.expect(202, "/api/tasks/" + task + "/resume", null);
        }, () -> {
            try {
                return controlPlane.output(); // the process started after the kill
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, () -> {
            try {
                return Files.readString(Path.of(env.get("DTAAS_HOME"), "cdc", "task-" + task, "tables.json"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Random inserts, updates and deletes across loaded and new keys, about 200 a second, until told to stop. */
    private static void write(AtomicBoolean writing, AtomicReference<Throwable> error) {
        Random random = new Random(7);
        try (Connection c = PostgresFixture.connect(SRC); Statement st = c.createStatement()) {
            while (writing.get()) {
                long id = 1 + random.nextInt(ROWS + 5000);
                switch (random.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO f_orders VALUES (" + id + ", 'w" + random.nextInt(1000) + "', "
                            + random.nextInt(100) + ") ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v, n = EXCLUDED.n");
                    case 1 -> st.execute("UPDATE f_orders SET n = n + 1 WHERE id = " + id);
                    default -> st.execute("DELETE FROM f_orders WHERE id = " + id);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // about 200 changes a second
            }
        } catch (Exception e) {
            error.set(e);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Rows committed so far in the load's staging table; 0 before it exists. */
    private static long stagingRows() throws Exception {
        try {
            return count(DST, "SELECT count(*) FROM public.f_orders__dtaas_new");
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /** Writes a sentinel row at the source and waits until the stream brought it to the target. */
    private static void awaitStreamed(long id) throws Exception {
        PostgresFixture.execute(SRC, "INSERT INTO f_orders VALUES (" + id + ", 'sentinel', 0)");
        await().atMost(WAIT).until(() -> count(DST, "SELECT count(*) FROM f_orders WHERE id = " + id) == 1);
    }

    private static void awaitStatus(long task, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> status.equals(api.get("/api/tasks/" + task).body().path("status").asText()));
    }

    private static long connector(String role, String database) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "std " + role);
        body.put("connector_type", role);
        body.put(role + "_type", "postgresql");
        body.put("connection_config", PostgresFixture.connectionConfig(database));
        return api.expect(201, "/api/connectors", body).path("id").asLong();
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
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
}
