package io.dtaas.controlplane.validation;

import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.CdcStreams;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.controlplane.testing.ValidationRuns;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PacedTicks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17 on a streaming task ({@code full_load_then_cdc} into PostgreSQL, from PostgreSQL and from MariaDB) with a
 * writer running all along: validation compares at a consistent point (the stream has applied what the source
 * committed: PostgreSQL's slot, the binlog stream's committed offset), so the writer's changes in flight are not drift:
 * equal. Damage to the target is found as exactly the damaged keys; repair runs online, through the engine, while the
 * stream applies the writer's changes; validation then says equal again.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class StreamingValidationIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int ROWS = 20_000;
    /** The writer changes keys 1..WRITER_KEYS and inserts keys above ROWS; the damage is in between. */
    private static final int WRITER_KEYS = 10_000;

    /** The streaming source: its table of ROWS accounts, its connector, its connections and its clean-up. */
    enum SourceKind {
        POSTGRESQL {
            @Override
            void create(String db) throws Exception {
                PostgresFixture.freshDatabase(db);
                PostgresFixture.execute(db, "CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance numeric(14,2),"
                        + " opened date)", "INSERT INTO accounts SELECT g, 'owner ' || g, g / 10.0,"
                        + " DATE '2026-01-01' + g % 300 FROM generate_series(1, " + ROWS + ") g");
            }

            @Override
            long connector(String db) {
                return TaskApi.pgConnector("source", db);
            }

            @Override
            Connection connect(String db) throws Exception {
                return PostgresFixture.connect(db);
            }

            @Override
            void forget(long task) throws Exception {
                CdcStreams.awaitInactive(CdcRun.streamId(task));
                CdcStreams.dropSlot(CdcRun.streamId(task));
            }
        },
        MARIADB {
            @Override
            void create(String db) throws Exception {
                MariaDbFixture.freshDatabase(db);
                MariaDbFixture.execute(db, "CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance decimal(14,2),"
                        + " opened date)", "INSERT INTO accounts SELECT seq, CONCAT('owner ', seq), seq / 10.0,"
                        + " DATE '2026-01-01' + INTERVAL (seq % 300) DAY FROM seq_1_to_" + ROWS);
            }

            @Override
            long connector(String db) {
                return Api.create(Api.connector("source " + db + " " + System.nanoTime(), "source", "mysql",
                        MariaDbFixture.connectionConfig(db)));
            }

            @Override
            Connection connect(String db) throws Exception {
                return MariaDbFixture.connect(db);
            }

            @Override
            void forget(long task) {
                // the binlog stream holds nothing on the server
            }
        };

        abstract void create(String db) throws Exception;

        abstract long connector(String db);

        abstract Connection connect(String db) throws Exception;

        /** Removes what the stream holds on the source once the task stopped (or the test failed). */
        abstract void forget(long task) throws Exception;
    }

    @ParameterizedTest
    @EnumSource(SourceKind.class)
    void aStreamingTaskValidatesAtAConsistentPointFindsExactlyTheDamageAndRepairsOnline(SourceKind kind) throws Exception {
        String src = "dtaas_cp_sval_src_" + kind.name().toLowerCase(java.util.Locale.ROOT);
        String dst = "dtaas_cp_sval_dst_" + kind.name().toLowerCase(java.util.Locale.ROOT);
        kind.create(src);
        PostgresFixture.freshDatabase(dst);
        long task = TaskApi.createTask(Map.of("name", "streaming validation " + System.nanoTime(),
                "source_connector_id", kind.connector(src),
                "destination_connector_id", TaskApi.pgConnector("destination", dst),
                "mode", "full_load_then_cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("accounts"), "batch_size", 1000, "chunk_rows", 5000,
                        "cdc_poll_interval", 1)));
        kind.forget(task);
        Path state = Path.of("target", "cdc-state", "task-" + task);
        CdcStreams.deleteState(state);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong changes = new AtomicLong();
        CompletableFuture<Void> writer = null;
        try {
            long execution = TaskApi.start(task);
            await().atMost(WAIT).until(() -> Files.exists(state.resolve("handoff.done")));
            TaskApi.awaitExecution(execution, "running");
            writer = CompletableFuture.runAsync(() -> write(kind, src, stop, changes),
                    r -> Thread.ofPlatform().daemon().start(r));
            await().atMost(WAIT).until(() -> changes.get() >= 50);

            JsonPath clean = ValidationRuns.completed(task, "validate");
            assertThat(clean.getString("verdict")).as(clean.prettify()).isEqualTo("equal");
            assertThat(clean.getInt("tables[0].differing_keys")).isZero();
            assertThat(clean.getString("tables[0].reason")).as("the consistent point was reached").isNull();

            PostgresFixture.execute(dst, "DELETE FROM accounts WHERE id = 15000",
                    "UPDATE accounts SET balance = balance + 1 WHERE id = 15001",
                    "INSERT INTO accounts VALUES (19999999, 'extra', 1, NULL)");
            long before = changes.get();
            JsonPath damaged = ValidationRuns.completed(task, "validate");
            assertThat(changes.get()).as("the writer ran during the validation").isGreaterThan(before);
            assertThat(damaged.getString("verdict")).as(damaged.prettify()).isEqualTo("different");
            assertThat(damaged.getInt("tables[0].differing_keys")).as(damaged.prettify()).isEqualTo(3);
            assertThat(damaged.getList("tables[0].differences.key.id")).containsExactly("15000", "15001", "19999999");
            assertThat(damaged.getList("tables[0].differences.kind"))
                    .containsExactly("missing_in_target", "values_differ", "extra_in_target");

            JsonPath repaired = ValidationRuns.completed(task, "repair");
            assertThat(repaired.getString("verdict")).as(repaired.prettify()).isEqualTo("equal");
            assertThat(repaired.getInt("tables[0].repaired_keys")).isEqualTo(3);
            JsonPath after = ValidationRuns.completed(task, "validate");
            assertThat(after.getString("verdict")).as(after.prettify()).isEqualTo("equal");
            assertThat(TaskApi.execution(execution).getString("status")).as("the stream ran throughout")
                    .isEqualTo("running");

            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
            TaskApi.action(task, "stop").statusCode(202);
            TaskApi.awaitExecution(execution, "stopped");
        } finally {
            stop.set(true);
            if (writer != null) {
                writer.get(30, TimeUnit.SECONDS);
            }
            kind.forget(task);
        }
    }

    /**
     * Keeps changing keys 1..WRITER_KEYS and inserting new keys above ROWS, paced (a few dozen changes a second) so
     * that the same key is rarely changed twice within one comparison round.
     */
    private static void write(SourceKind kind, String db, AtomicBoolean stop, AtomicLong changes) {
        Random random = new Random();
        AtomicLong next = new AtomicLong(ROWS + 1);
        try (Connection c = kind.connect(db); Statement st = c.createStatement()) {
            PacedTicks.run(Duration.ofMillis(25), stop::get, () -> {
                int id = 1 + random.nextInt(WRITER_KEYS);
                switch (random.nextInt(3)) {
                    case 0 -> st.execute("INSERT INTO accounts VALUES (" + next.getAndIncrement() + ", 'new', 1, NULL)");
                    case 1 -> st.execute("UPDATE accounts SET balance = balance + 1, opened = NULL WHERE id = " + id);
                    default -> st.execute("DELETE FROM accounts WHERE id = " + id);
                }
                changes.incrementAndGet();
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
