package io.dtaas.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16 through the API of packaged processes (standalone or control-plane + workers), shared by the system
 * tests: a {@code full_load_then_cdc} task over tables of a PostgreSQL or MariaDB source into PostgreSQL, a writer
 * inserting, updating and deleting rows of every table throughout, per-table requests sent while it streams, and
 * every table compared with its source row for row (count and every row's values) once the writer holds still.
 */
final class TableLifecycleScenario {

    static final Duration WAIT = Duration.ofSeconds(240);

    enum SourceKind { POSTGRESQL, MARIADB }

    private final Supplier<ApiClient> api;
    private final SourceKind kind;
    private final String src;
    private final String dst;
    private final Map<String, Integer> sizes = new HashMap<>();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean holding = new AtomicBoolean();
    private final AtomicBoolean held = new AtomicBoolean();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicReference<Throwable> writerError = new AtomicReference<>();
    private Thread writer;

    /**
     * Fresh source and target databases, the source with {@code tables} (name → rows).
     *
     * @param api the control-plane's API (a supplier: a standalone control-plane is restarted)
     */
    TableLifecycleScenario(Supplier<ApiClient> api, SourceKind kind, String src, String dst, Map<String, Integer> tables)
            throws SQLException {
        this.api = api;
        this.kind = kind;
        this.src = src;
        this.dst = dst;
        PostgresFixture.freshDatabase(dst);
        if (kind == SourceKind.POSTGRESQL) {
            PostgresFixture.freshDatabase(src);
        } else {
            MariaDbFixture.freshDatabase(src);
        }
        for (Map.Entry<String, Integer> t : tables.entrySet()) {
            sizes.put(t.getKey(), t.getValue());
            if (kind == SourceKind.POSTGRESQL) {
                PostgresFixture.execute(src, "CREATE TABLE " + t.getKey() + " (id bigint PRIMARY KEY, status text NOT NULL, "
                        + "amount numeric(12,2), note text)", "INSERT INTO " + t.getKey() + " SELECT g, 'init', g / 100.0, "
                        + "'row ' || g FROM generate_series(1, " + t.getValue() + ") g");
            } else {
                MariaDbFixture.execute(src, "CREATE TABLE " + t.getKey() + " (id bigint PRIMARY KEY, status varchar(20) "
                        + "NOT NULL, amount decimal(12,2), note varchar(100))", "INSERT INTO " + t.getKey()
                        + " SELECT seq, 'init', seq / 100.0, CONCAT('row ', seq) FROM seq_1_to_" + t.getValue());
            }
        }
    }

    /** The table as the stream names it ({@code schema.table}; MariaDB: {@code database.table}). */
    String qualified(String table) {
        return (kind == SourceKind.POSTGRESQL ? "public" : src) + "." + table;
    }

    /**
     * A {@code full_load_then_cdc} task over {@code tables}, with connectors to this scenario's databases.
     *
     * @param host how the workers reach the databases (a name only they resolve, in distributed mode)
     */
    long task(String name, List<String> tables, String host) throws Exception {
        Map<String, Object> sourceConfig = new HashMap<>(kind == SourceKind.POSTGRESQL
                ? PostgresFixture.connectionConfig(src) : MariaDbFixture.connectionConfig(src));
        sourceConfig.put("host", host);
        Map<String, Object> destinationConfig = new HashMap<>(PostgresFixture.connectionConfig(dst));
        destinationConfig.put("host", host);
        long source = connector(name + " source", "source", kind == SourceKind.POSTGRESQL ? "postgresql" : "mysql",
                sourceConfig);
        long destination = connector(name + " destination", "destination", "postgresql", destinationConfig);
        return api.get().expect(201, "/api/tasks", Map.of("name", name, "source_connector_id", source,
                "destination_connector_id", destination, "mode", "full_load_then_cdc", "schedule_type", "on_demand",
                "config", config(tables))).path("id").asLong();
    }

    private Map<String, Object> config(List<String> tables) {
        Map<String, Object> config = new HashMap<>(Map.of("tables", tables, "chunk_rows", 10_000, "batch_size", 2_000,
                "cdc_poll_interval", 1));
        if (kind == SourceKind.MARIADB) {
            config.put("target_schema", "public");
        }
        return config;
    }

    private long connector(String name, String role, String type, Map<String, Object> config) throws Exception {
        return api.get().expect(201, "/api/connectors", Map.of("name", name, "connector_type", role,
                role + "_type", type, "connection_config", config)).path("id").asLong();
    }

    // ---- the writer

    /** Starts changing rows of {@code tables} (about 200 changes a second over all), until {@link #stopWriter}. */
    void startWriter(List<String> tables) {
        written.addAll(tables);
        writing.set(true);
        writer = Thread.ofPlatform().name("lifecycle-writer").start(this::write);
    }

    /** Stops the writer for good, failing the test if it hit an error. */
    void stopWriter() throws InterruptedException {
        writing.set(false);
        if (writer != null) {
            writer.join();
        }
        assertThat(writerError.get()).as("the writer").isNull();
    }

    /** Changes written so far. */
    long changes() {
        return changes.get();
    }

    private void write() {
        Random random = new Random(16);
        String upsert = kind == SourceKind.POSTGRESQL
                ? " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, amount = EXCLUDED.amount, note = EXCLUDED.note"
                : " ON DUPLICATE KEY UPDATE status = VALUES(status), amount = VALUES(amount), note = VALUES(note)";
        try (Connection c = connectSource(); Statement st = c.createStatement()) {
            while (writing.get()) {
                if (holding.get()) {
                    held.set(true);
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                    continue;
                }
                held.set(false);
                String table = written.get(random.nextInt(written.size()));
                long id = 1 + random.nextInt(sizes.get(table) + 2_000);
                switch (random.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO " + table + " VALUES (" + id + ", 'w" + random.nextInt(1000) + "', "
                            + random.nextInt(10_000) + ".25, 'written')" + upsert);
                    case 1 -> st.execute("UPDATE " + table + " SET amount = amount + 1, status = 'u" + random.nextInt(1000)
                            + "' WHERE id = " + id);
                    default -> st.execute("DELETE FROM " + table + " WHERE id = " + id);
                }
                changes.incrementAndGet();
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // about 200 changes a second
            }
        } catch (Exception e) {
            writerError.set(e);
        }
    }

    private Connection connectSource() throws SQLException {
        return kind == SourceKind.POSTGRESQL ? PostgresFixture.connect(src) : MariaDbFixture.connect(src);
    }

    // ---- requests and what the execution shows

    /** PUT the task's config with these tables (the running execution follows them). */
    void setTables(long task, List<String> tables) throws Exception {
        ApiClient.Reply r = api.get().put("/api/tasks/" + task, Map.of("config", config(tables)));
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    }

    void resync(long task, String table) throws Exception {
        JsonNode r = api.get().expect(200, "/api/tasks/" + task + "/resync", Map.of("tables", List.of(table)));
        assertThat(r.path("online").asBoolean()).as(r.toString()).isTrue();
    }

    /** {@code tables/pause} or {@code tables/resume}, answered by the running execution. */
    void tables(long task, String action, String table) throws Exception {
        JsonNode r = api.get().expect(202, "/api/tasks/" + task + "/tables/" + action, Map.of("tables", List.of(table)));
        assertThat(r.path("execution_id").asLong()).as(r.toString()).isPositive();
    }

    long latestExecution(long task) throws Exception {
        return api.get().get("/api/tasks/" + task).body().path("last_execution").path("id").asLong();
    }

    JsonNode tableProgress(long task, String table) throws Exception {
        JsonNode execution = api.get().get("/api/executions/" + latestExecution(task)).body();
        for (JsonNode t : execution.path("table_progress")) {
            if (t.path("table").asText().equals(qualified(table))) {
                return t;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    String state(long task, String table) throws Exception {
        return tableProgress(task, table).path("state").asText();
    }

    /** Changes applied to the table in the task's latest execution, as its progress shows them. */
    long rows(long task, String table) throws Exception {
        return tableProgress(task, table).path("rows").asLong();
    }

    void awaitState(long task, String table, String state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(state(task, table)));
    }

    /**
     * Runs a per-table copy ({@code request}) that ends with the table streaming again, and checks that
     * {@code untouched} kept streaming meanwhile: its applied changes grew while the copy ran.
     *
     * @param copying the phase the table shows while it is copied ({@code backfilling} or {@code resyncing})
     */
    void copyWhileOthersStream(long task, String table, String copying, String untouched, Request request)
            throws Exception {
        long before = rows(task, untouched);
        request.send();
        awaitState(task, table, copying);
        awaitState(task, table, "streaming");
        assertThat(rows(task, untouched)).as(untouched + " streamed while " + table + " was copied")
                .isGreaterThan(before);
        assertThat(api.get().get("/api/tasks/" + task).body().path("status").asText()).isEqualTo("running");
    }

    @FunctionalInterface
    interface Request {
        void send() throws Exception;
    }

    // ---- exactness

    /** Holds the writer, waits until every table equals its source row for row, and lets the writer go on. */
    void settle(List<String> tables) throws Exception {
        holding.set(true);
        try {
            await().atMost(WAIT).until(() -> held.get() || !writing.get());
            awaitEqual(tables);
        } finally {
            holding.set(false);
        }
    }

    /** Waits until each table's target has the source's rows: the same count and the same values in every row. */
    void awaitEqual(List<String> tables) {
        for (String t : tables) {
            String rows = "SELECT id, status, amount, note FROM " + t + " ORDER BY id";
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<String> source = sourceRows(rows);
                List<String> target = rows(PostgresFixture.connect(dst), rows);
                assertThat(target).as("rows of " + t).hasSameSizeAs(source);
                assertThat(target).as("rows of " + t).isEqualTo(source);
            });
        }
    }

    private List<String> sourceRows(String sql) throws SQLException {
        return rows(connectSource(), sql);
    }

    long targetCount(String table) throws SQLException {
        try {
            return Long.parseLong(rows(PostgresFixture.connect(dst), "SELECT count(*) FROM " + table).getFirst());
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not created yet
            }
            throw e;
        }
    }

    /** The rows of a query, each as its columns' text joined by |; the connection is closed. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Rows the table's copies read so far, from the stream's saved table state (JSON, {@code TablePhases}). */
    static long copied(String savedTables, String table) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(savedTables).path("tables").path(table)
                .path("copied").asLong();
    }

    /**
     * The key after which a restarted stream continued {@code table}'s copy: Debezium logs the offsets it starts
     * from ({@code Found previous offset ... incrementalSnapshotContext=[... chunkEndPosition=[key],
     * dataCollectionsToSnapshot=[... table ...]]}); -1 when no start continued a copy of it.
     */
    static long resumedAt(String log, String table) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Found previous offset.*?chunkEndPosition=\\[(\\d+)\\], "
                + "dataCollectionsToSnapshot=\\[CollectionId\\{id=" + java.util.regex.Pattern.quote(table) + ",").matcher(log);
        long key = -1;
        while (m.find()) {
            key = Math.max(key, Long.parseLong(m.group(1)));
        }
        return key;
    }

    /**
     * Drops the task's replication slot once no stream holds it (PostgreSQL sources; slots outlive stopped tasks).
     */
    void dropSlot(long task) throws Exception {
        if (kind != SourceKind.POSTGRESQL) {
            return;
        }
        String slot = "dtaas_task_" + task;
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(PostgresFixture.connect("postgres"),
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active").getFirst()
                .equals("0"));
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + slot + "'");
    }

    /**
     * A table added by PUT is being backfilled (at least {@code killAfter} rows in its target, fewer than it has)
     * when {@code crash} SIGKILLs the process running the stream and brings the stream back; the copy goes on from
     * its last committed chunk. Every table ends equal to its source row for row. That the copy resumed rather
     * than started over shows in the log of the process that runs the stream after the crash ({@code streamLog}):
     * Debezium restored the copy's position from the committed offsets, past the rows copied before the kill;
     * and the rows the copies read in all ({@code copied} in the stream's saved table state, {@code savedTables})
     * are the table's once, not those copied before the kill twice.
     */
    void killDuringBackfill(long task, String streaming, String added, long killAfter, Request crash,
                            Supplier<String> streamLog, Supplier<String> savedTables) throws Exception {
        int size = sizes.get(added);
        startWriter(List.of(streaming, added));
        try {
            api.get().expect(202, "/api/tasks/" + task + "/start", null);
            awaitState(task, streaming, "streaming");
            setTables(task, List.of(streaming, added));
            awaitState(task, added, "backfilling");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> targetCount(added) >= killAfter);
            assertThat(state(task, added)).as("killed during the copy").isEqualTo("backfilling");
            assertThat(targetCount(added)).as("killed during the copy").isLessThan(size);
            crash.send();
            awaitState(task, added, "streaming");
            long before = rows(task, streaming);
            await().atMost(WAIT).until(() -> rows(task, streaming) > before); // the stream goes on after the copy
        } finally {
            stopWriter();
        }
        awaitEqual(List.of(streaming, added));
        assertThat(resumedAt(streamLog.get(), qualified(added))).as("the key the copy resumed after")
                .isGreaterThanOrEqualTo(killAfter / 2);
        // the phase followed the resumed copy to its end: the rows its copies read in all are the table's, once
        // (a copy started over would have read those copied before the kill twice)
        assertThat(copied(savedTables.get(), qualified(added))).as("rows the copy read before and after the kill")
                .isGreaterThan(size / 2).isLessThan(size + killAfter / 3);
        api.get().expect(202, "/api/tasks/" + task + "/stop", null);
        await().atMost(WAIT).until(() -> "stopped".equals(api.get().get("/api/tasks/" + task).body()
                .path("status").asText()));
        dropSlot(task);
    }

    /** The standard scenario: add a table while streaming, resync one, pause and resume one; exact each time. */
    void addResyncPauseResume(long task) throws Exception {
        startWriter(List.of("a", "b", "c"));
        try {
            api.get().expect(202, "/api/tasks/" + task + "/start", null);
            awaitState(task, "a", "streaming");
            awaitState(task, "b", "streaming");

            // c is added by a PUT: backfilled online while a streams, then streams too
            copyWhileOthersStream(task, "c", "backfilling", "a", () -> setTables(task, List.of("a", "b", "c")));
            settle(List.of("a", "b", "c"));

            // b alone is copied again, online
            copyWhileOthersStream(task, "b", "resyncing", "a", () -> resync(task, "b"));
            settle(List.of("a", "b", "c"));

            // a is paused (its changes dropped, nothing held), then resumed: copied again while c streams
            tables(task, "pause", "a");
            awaitState(task, "a", "paused");
            long before = changes();
            await().atMost(WAIT).until(() -> changes() > before + 300);
            copyWhileOthersStream(task, "a", "resyncing", "c", () -> tables(task, "resume", "a"));
        } finally {
            stopWriter();
        }
        awaitEqual(List.of("a", "b", "c"));
        api.get().expect(202, "/api/tasks/" + task + "/stop", null);
        await().atMost(WAIT).until(() -> "stopped".equals(api.get().get("/api/tasks/" + task).body()
                .path("status").asText()));
        dropSlot(task);
    }
}
