package io.dtaas.controlplane.engine;

import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code cdc} task through the API, standalone, through a chain of transformations (rename, uppercase, a
 * filter): it follows inserts, updates and deletes until paused; changes made while it is paused arrive after
 * resume; the target equals the transformed source row for row each time (rows an update moves out of the
 * filter are deleted downstream).
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class CdcTaskIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String EXPECTED = "SELECT id, upper(owner), balance, opened, flags::text FROM accounts"
            + " WHERE balance < 500 ORDER BY id";
    private static final String TARGET = "SELECT id, holder, balance, opened, flags::text FROM accounts ORDER BY id";

    @Test
    void followsChangesAcrossPauseAndResumeExactly() throws Exception {
        String src = "dtaas_cp_cdc_src";
        String dst = "dtaas_cp_cdc_dst";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance numeric(14,2),"
                + " opened date, flags jsonb)");
        long task = TaskApi.createTask(Map.of("name", "cdc " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", TaskApi.pgConnector("destination", dst),
                "mode", "cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("accounts"), "batch_size", 500, "cdc_poll_interval", 1,
                        "transformations", Map.of("accounts", List.of(
                                Map.of("type", "rename_column", "config", Map.of("old_name", "owner", "new_name", "holder")),
                                Map.of("type", "uppercase", "config", Map.of("column", "holder")),
                                Map.of("type", "filter_rows", "config", Map.of("condition", "balance < 500")))))));
        dropSlot(CdcRun.streamId(task));
        deleteState(task); // task ids restart with each test run's fresh metadata database
        try {
            long first = TaskApi.start(task);
            TaskApi.awaitExecution(first, "running");
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                PostgresFixture.execute(src, "INSERT INTO accounts VALUES (0, 'sentinel', 0, '2026-01-01', '{}')"
                        + " ON CONFLICT (id) DO UPDATE SET balance = accounts.balance + 1");
                return count(dst, "SELECT count(*) FROM accounts WHERE id = 0") == 1;
            });
            write(src, 1, 300, 600);
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(dst, TARGET)).isEqualTo(rows(src, EXPECTED)));
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(TaskApi.execution(first).getLong("processed_rows")).as("changes applied").isGreaterThan(100));

            TaskApi.action(task, "pause").statusCode(202);
            TaskApi.awaitExecution(first, "paused");
            write(src, 200, 500, 300); // while nothing follows the source
            long second = TaskApi.action(task, "resume").statusCode(202).extract().jsonPath().getLong("id");
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(dst, TARGET)).isEqualTo(rows(src, EXPECTED)));
            assertThat(rows(src, EXPECTED)).hasSizeGreaterThan(20);

            TaskApi.action(task, "stop").statusCode(202);
            TaskApi.awaitExecution(second, "stopped");
        } finally {
            dropSlot(CdcRun.streamId(task));
        }
    }

    private static void write(String db, int from, int to, int statements) throws Exception {
        Random random = new Random(from);
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement()) {
            for (int i = 0; i < statements; i++) {
                int id = from + random.nextInt(to - from + 1);
                switch (random.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO accounts VALUES (" + id + ", 'owner " + id + " ''q''', "
                            + random.nextInt(100000) / 100.0 + ", DATE '2026-01-01' + " + random.nextInt(300)
                            + ", '{\"tier\": " + random.nextInt(3) + "}') ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner,"
                            + " balance = EXCLUDED.balance, flags = EXCLUDED.flags");
                    case 1 -> st.execute("UPDATE accounts SET balance = balance * 2, opened = NULL WHERE id = " + id);
                    default -> st.execute("DELETE FROM accounts WHERE id = " + id);
                }
            }
        }
    }

    private static List<String> rows(String db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5));
            }
        }
        return rows;
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

    private static long count(String db, String sql) throws Exception {
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void dropSlot(String name) throws Exception {
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + name + "' AND NOT active");
    }
}
