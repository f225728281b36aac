package io.dtaas.controlplane.engine;

import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.CdcStreams;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code full_load_then_cdc} task through the API, standalone: the full load runs while a writer changes
 * random keys, the execution stays running and streams; once the writer stops the target equals the source row
 * for row. Paused and resumed, it only streams (no reload) and catches up what was written meanwhile.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class FullLoadThenCdcTaskIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int ROWS = 60_000;
    private static final String ROWS_SQL = "SELECT id, owner, balance, opened FROM accounts ORDER BY id";

    @Test
    void loadsThenStreamsExactlyWithAWriterRunningThroughTheLoad() throws Exception {
        String src = "h5a_cp_flc_src";
        String dst = "h5a_cp_flc_dst";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance numeric(14,2),"
                + " opened date)", "INSERT INTO accounts SELECT g, 'owner ' || g, g / 10.0, DATE '2026-01-01' + g % 300"
                + " FROM generate_series(1, " + ROWS + ") g");
        long task = TaskApi.createTask(Map.of("name", "flc " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", TaskApi.pgConnector("destination", dst),
                "mode", "full_load_then_cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("accounts"), "batch_size", 1000, "chunk_rows", 5000,
                        "max_parallel_chunks", 3, "cdc_poll_interval", 1)));
        CdcStreams.dropSlot(CdcRun.streamId(task));
        Path state = Path.of("target", "cdc-state", "task-" + task);
        CdcStreams.deleteState(state); // task ids restart with each test run's fresh metadata database
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong changes = new AtomicLong();
        try {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(src, stop::get, changes),
                    r -> Thread.ofPlatform().daemon().start(r));
            long first = TaskApi.start(task);
            await().atMost(WAIT).until(() -> Files.exists(state.resolve("handoff.done")));
            long duringLoad = changes.get();
            TaskApi.awaitExecution(first, "running");
            await().atMost(WAIT).until(() -> changes.get() >= duringLoad + 300); // and into streaming
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
            assertThat(duringLoad).as("changes while loading").isGreaterThan(100);
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(rows(dst)).isEqualTo(rows(src)));
            assertThat(TaskApi.execution(first).getString("status")).isEqualTo("running");
            // issue 14.7: the load's rows stay, the stream's changes are counted per table by kind, and together
            // they are the table's rows (every applied change is one written row)
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                var run = TaskApi.execution(first);
                String counts = "cdc.changes.'" + run.getString("table_progress[0].table") + "'.";
                long inserts = run.getLong(counts + "inserts");
                long updates = run.getLong(counts + "updates");
                long deletes = run.getLong(counts + "deletes");
                assertThat(inserts).isPositive();
                assertThat(updates).isPositive();
                assertThat(deletes).isPositive();
                long read = run.getLong("table_progress[0].rows_read");
                assertThat(read).as("the load's rows read").isGreaterThan(ROWS / 2);
                assertThat(run.getLong("table_progress[0].rows_filtered")).isZero();
                assertThat(run.getLong("table_progress[0].rows")).isEqualTo(read + inserts + updates + deletes);
            });
            assertThat(TaskApi.execution(first).getLong("run_number")).isEqualTo(1);
            assertThat(TaskApi.execution(first).getString("trigger")).isEqualTo("manual");

            TaskApi.action(task, "pause").statusCode(202);
            TaskApi.awaitExecution(first, "paused");
            changes.set(0);
            write(src, () -> changes.get() >= 300, changes); // while nothing follows the source
            long second = TaskApi.action(task, "resume").statusCode(202).extract().jsonPath().getLong("id");
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(rows(dst)).isEqualTo(rows(src)));
            assertThat(TaskApi.execution(second).getLong("processed_rows")).as("the resumed execution only streams")
                    .isLessThan(ROWS);
            assertThat(TaskApi.execution(second).getLong("run_number")).isEqualTo(2);
            assertThat(TaskApi.execution(second).getString("trigger")).isEqualTo("resume");

            TaskApi.action(task, "stop").statusCode(202);
            TaskApi.awaitExecution(second, "stopped");
        } finally {
            stop.set(true);
            CdcStreams.awaitInactive(CdcRun.streamId(task));
            CdcStreams.dropSlot(CdcRun.streamId(task));
        }
    }

    private static void write(String db, BooleanSupplier done, AtomicLong changes) {
        Random random = new Random();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement()) {
            while (!done.getAsBoolean()) {
                int id = 1 + random.nextInt(ROWS + ROWS / 20);
                switch (random.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO accounts VALUES (" + id + ", 'owner " + id + " ''q''', "
                            + random.nextInt(100000) / 100.0 + ", DATE '2026-01-01' + " + random.nextInt(300)
                            + ") ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, balance = EXCLUDED.balance");
                    case 1 -> st.execute("UPDATE accounts SET balance = balance * 2, opened = NULL WHERE id = " + id);
                    default -> st.execute("DELETE FROM accounts WHERE id = " + id);
                }
                changes.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> rows(String db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(ROWS_SQL)) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }
}
