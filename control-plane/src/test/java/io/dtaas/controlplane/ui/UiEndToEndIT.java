package io.dtaas.controlplane.ui;

import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The dashboard end to end: a real control-plane (real engine, metadata in PostgreSQL), a PostgreSQL source
 * and a MariaDB destination prepared here, and {@code ui/e2e/dashboard.e2e.mjs} driving Debian's chromium
 * through the forms (playwright-core). The script saves a screenshot of every page under
 * {@code target/ui-screenshots}. Skipped only with {@code -Dui.skip=true}, which also skips building the UI.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class UiEndToEndIT {

    private static final String SOURCE_DB = "ui_e2e_src";
    private static final String DEST_DB = "ui_e2e_dst";
    private static final int CUSTOMERS = 5_000;
    private static final int ORDERS = 300_000;
    private static final int STREAM_ROWS = 3_000;
    private static final List<String> PAGES = List.of("dashboard", "connectors", "connector-form", "task-builder",
            "task-detail", "tasks", "database-browser", "variables", "stream-monitor", "dashboard-offline");

    @TestHTTPResource("/")
    URL base;

    @Test
    void pageUrlsServeTheAppAndApiPathsKeepTheirProblems() {
        Assumptions.assumeFalse(Boolean.getBoolean("ui.skip"), "built with -Dui.skip=true: no dashboard");
        when().get("/tasks/12").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<div id=\"app\"></div>"));
        when().get("/api/no-such-thing").then().statusCode(404).body("status", equalTo(404));
        when().get("/assets/no-such-file.js").then().statusCode(404);
    }

    @Test
    void createsConnectorsBuildsAndRunsATaskAndBrowsesThroughTheDashboard() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("ui.skip"), "built with -Dui.skip=true: no dashboard");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium).as("Debian's chromium (apt-get install chromium; ./test installs it)").isExecutable();
        prepareDatabases();
        forgetStaleStreamState();

        Path uiDir = Path.of(System.getProperty("dtaas.ui.dir", "../ui")).toAbsolutePath().normalize();
        Path shots = Path.of(System.getProperty("dtaas.ui.screenshots", "target/ui-screenshots")).toAbsolutePath();
        Files.createDirectories(shots);
        try (var old = Files.list(shots)) {
            for (Path f : old.filter(f -> f.toString().endsWith(".png")).toList()) {
                Files.delete(f); // screenshots of an earlier run must not pass for this one's
            }
        }
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/dashboard.e2e.mjs").directory(uiDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("DTAAS_URL", base.toString().replaceAll("/$", ""));
        env.put("E2E_SCREENSHOTS", shots.toString());
        env.put("CHROMIUM", chromium.toString());
        env.put("E2E_PG_HOST", PostgresFixture.HOST);
        env.put("E2E_PG_PORT", String.valueOf(PostgresFixture.PORT));
        env.put("E2E_PG_USER", PostgresFixture.USER);
        env.put("E2E_PG_PASSWORD", "");
        env.put("E2E_PG_DB", SOURCE_DB);
        env.put("E2E_MY_HOST", MariaDbFixture.HOST);
        env.put("E2E_MY_PORT", String.valueOf(MariaDbFixture.PORT));
        env.put("E2E_MY_USER", MariaDbFixture.USER);
        env.put("E2E_MY_PASSWORD", MariaDbFixture.PASSWORD);
        env.put("E2E_MY_DB", DEST_DB);
        env.put("E2E_CUSTOMERS", String.valueOf(CUSTOMERS));
        env.put("E2E_ORDERS", String.valueOf(ORDERS));

        // the streaming monitor watches a full_load_then_cdc task while this writer changes stream_items
        StreamItemsWriter writer = StreamItemsWriter.start();
        Process process = pb.start();
        boolean ended;
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(line -> System.out.println("[ui-e2e] " + line));
            }
            ended = process.waitFor(8, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
        } finally {
            writer.close();
            dropStreamSlots();
        }
        assertThat(ended).as("the e2e script ended within 8 minutes").isTrue();
        assertThat(process.exitValue()).as("e2e exit code (its output is above, a failure.png in %s)", shots).isZero();
        for (String page : PAGES) {
            assertThat(shots.resolve(page + ".png")).as("screenshot of " + page).isNotEmptyFile();
        }
    }

    private static void prepareDatabases() throws Exception {
        dropStreamSlots(); // a database with a replication slot cannot be dropped
        PostgresFixture.freshDatabase(SOURCE_DB);
        PostgresFixture.execute(SOURCE_DB,
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, country varchar(2) NOT NULL, email varchar(120))",
                "INSERT INTO customers SELECT g, 'customer ' || g, (ARRAY['fr','de','us','jp'])[1 + g % 4], 'c' || g || '@example.com'"
                        + " FROM generate_series(1, " + CUSTOMERS + ") g",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id),"
                        + " total numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL)",
                "INSERT INTO orders SELECT g, 1 + g % " + CUSTOMERS + ", (g % 1000) / 10.0,"
                        + " timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, " + ORDERS + ") g",
                "CREATE TABLE audit_log (id int PRIMARY KEY, note text)",
                "CREATE TABLE stream_items (id int PRIMARY KEY, qty int NOT NULL, note text)",
                "INSERT INTO stream_items SELECT g, g % 50, 'item ' || g FROM generate_series(1, " + STREAM_ROWS + ") g",
                "ANALYZE");
        MariaDbFixture.freshDatabase(DEST_DB);
    }

    /**
     * Inserts, updates and deletes on stream_items, about fifty a second (a steady trickle, like a live application;
     * nothing waits on it), on a schedule until closed.
     */
    private static final class StreamItemsWriter implements AutoCloseable {

        private final java.util.concurrent.ScheduledExecutorService ticks =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> Thread.ofPlatform().daemon().name("ui-e2e-writer").unstarted(r));
        private final java.util.Random random = new java.util.Random();
        private final Connection connection;
        private int next = STREAM_ROWS + 1;

        private StreamItemsWriter(Connection connection) {
            this.connection = connection;
        }

        static StreamItemsWriter start() throws Exception {
            StreamItemsWriter writer = new StreamItemsWriter(PostgresFixture.connect(SOURCE_DB));
            writer.ticks.scheduleWithFixedDelay(writer::writeOne, 0, 20, TimeUnit.MILLISECONDS);
            return writer;
        }

        private void writeOne() {
            int id = 1 + random.nextInt(next);
            try (Statement st = connection.createStatement()) {
                switch (random.nextInt(4)) {
                    case 0, 1 -> st.execute("INSERT INTO stream_items VALUES (" + next++ + ", " + random.nextInt(100)
                            + ", 'new') ON CONFLICT (id) DO NOTHING");
                    case 2 -> st.execute("UPDATE stream_items SET qty = qty + 1 WHERE id = " + id);
                    default -> st.execute("DELETE FROM stream_items WHERE id = " + id);
                }
            } catch (SQLException e) {
                System.err.println("[ui-e2e] writer stopped: " + e);
                ticks.shutdown();
            }
        }

        @Override
        public void close() throws Exception {
            ticks.shutdown();
            ticks.awaitTermination(10, TimeUnit.SECONDS);
            connection.close();
        }
    }

    /**
     * Task ids start again with each test run's metadata database: stream state left by an earlier run under an id
     * this run's tasks will get is removed (a finished e2e deletes its stream task, which forgets its own).
     */
    private static void forgetStaleStreamState() throws Exception {
        long maxId = when().get("/api/tasks").then().statusCode(200).extract().jsonPath().getList("id", Long.class)
                .stream().mapToLong(Long::longValue).max().orElse(0);
        Path root = Path.of("target", "cdc-state");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("task-\\d+")).toList()) {
                if (Long.parseLong(dir.getFileName().toString().substring(5)) > maxId) {
                    try (var files = Files.walk(dir)) {
                        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(f);
                        }
                    }
                }
            }
        }
    }

    /** The stream task's slot, if the script failed before deleting its task (which drops it). */
    private static void dropStreamSlots() throws Exception {
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE database = '" + SOURCE_DB + "' AND NOT active");
    }
}
