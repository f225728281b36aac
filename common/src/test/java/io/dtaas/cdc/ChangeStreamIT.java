package io.dtaas.cdc;

import io.dtaas.connect.jdbc.ChangeApplier;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change streams from real PostgreSQL (pgoutput) and MariaDB (row binlog) into PostgreSQL, while a writer
 * keeps inserting, updating and deleting overlapping keys: once the writer stops and the stream catches up,
 * the target equals the source row for row. Then the stream is closed, the source changes while nothing
 * follows it, and a new stream on the same offsets file catches up exactly: nothing lost, nothing doubled.
 */
class ChangeStreamIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final String COLUMNS = "id, status, amount, updated_at, note";

    @TempDir
    Path offsets;

    @Test
    void postgresChangesConvergeExactlyAndResumeFromTheOffset() throws Exception {
        String src = "dtaas_cdc_src_pg";
        String dst = "dtaas_cdc_dst_pg";
        String stream = "dtaas_cdc_it_pg";
        dropSlot(stream);
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, "
                + "amount numeric(12,2), updated_at timestamp(6), note text)");
        ConfigValues source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(src), "s");
        Writer writer = new Writer(() -> PostgresFixture.connect(src), "ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, "
                + "amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at, note = EXCLUDED.note");
        try {
            runScenario(new PostgresConnector(), new PostgresConnector().source(source), source, new TableRef("public", "orders"),
                    dst, stream, writer, () -> rows(PostgresFixture.connect(src), "public.orders"));
        } finally {
            dropSlot(stream);
        }
    }

    @Test
    void mariaDbChangesConvergeExactlyAndResumeFromTheOffset() throws Exception {
        String src = "dtaas_cdc_src_m";
        String dst = "dtaas_cdc_dst_m";
        MariaDbFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        MariaDbFixture.execute(src, "CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, "
                + "amount decimal(12,2), updated_at datetime(6), note text)");
        ConfigValues source = ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig(src), "s");
        Writer writer = new Writer(() -> MariaDbFixture.connect(src), "ON DUPLICATE KEY UPDATE status = VALUES(status), "
                + "amount = VALUES(amount), updated_at = VALUES(updated_at), note = VALUES(note)");
        runScenario(new MysqlConnector(), new MysqlConnector().source(source), source, new TableRef(src, "orders"), dst,
                "dtaas_cdc_it_m", writer, () -> rows(MariaDbFixture.connect(src), src + ".orders"));
    }

    private void runScenario(io.dtaas.connect.Connector type, Source sourceDb, ConfigValues source, TableRef table, String dst, String streamId,
                             Writer writer, Callable<List<String>> sourceRows) throws Exception {
        TableSchema schema;
        try (sourceDb) {
            schema = sourceDb.describe(table);
        }
        TableRef target = new TableRef("public", "orders");
        ConfigValues destination = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(dst), "d");
        CapturePlan plan = new CapturePlan(streamId, List.of(table), offsets.resolve("offsets.dat"), offsets.resolve("history.dat"),
                500, 50);
        Function<TableRef, TableRef> targetOf = t -> target;
        Callable<List<String>> targetRows = () -> rows(PostgresFixture.connect(dst), "public.orders");
        try (Destination d = new PostgresConnector().destination(destination)) {
            ChangeApplier applier = new ChangeApplier(d, Map.of(table, schema), targetOf);
            applier.prepare();

            try (ChangeStream first = new ChangeStream(DebeziumProperties.of(SourceCapture.of(type), source, plan), Map.of(table, schema),
                    applier, changes -> { })) {
                first.start();
                awaitStreaming(writer, targetRows, first);
                writer.run(Duration.ofSeconds(4), 1, 400);
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(targetRows.call()).isEqualTo(sourceRows.call()));
                assertThat(first.appliedChanges()).isGreaterThan(100);
            }

            // the source changes while no stream follows it
            writer.run(Duration.ofSeconds(2), 401, 600);
            try (ChangeStream second = new ChangeStream(DebeziumProperties.of(SourceCapture.of(type), source, plan), Map.of(table, schema),
                    applier, changes -> { })) {
                second.start();
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(targetRows.call()).isEqualTo(sourceRows.call()));
                assertThat(sourceRows.call()).anyMatch(r -> r.startsWith("5"));
                assertThat(second.outcome()).isNotDone();
            }
        }
    }

    /** Changes the source until one change shows downstream: from then on the stream follows every change. */
    private static void awaitStreaming(Writer writer, Callable<List<String>> targetRows, ChangeStream stream) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (stream.outcome().isDone()) {
                throw new AssertionError("the change stream stopped", stream.outcome().get());
            }
            writer.upsert(0, "sentinel");
            return targetRows.call().stream().anyMatch(r -> r.startsWith("0|"));
        });
    }

    /** Random inserts, updates and deletes on overlapping keys, some several to a transaction. */
    private static final class Writer {

        private final Callable<Connection> connect;
        private final String upsertTail;
        private final Random random = new Random(42);

        Writer(Callable<Connection> connect, String upsertTail) {
            this.connect = connect;
            this.upsertTail = upsertTail;
        }

        void upsert(long id, String status) throws Exception {
            try (Connection c = connect.call(); Statement st = c.createStatement()) {
                st.execute(upsertSql(id, status));
            }
        }

        private String upsertSql(long id, String status) {
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            String note = random.nextInt(5) == 0 ? "NULL" : "'n" + random.nextInt(1000) + " ''quoted'' é'";
            return "INSERT INTO orders (" + COLUMNS + ") VALUES (" + id + ", '" + status + "', " + amount + ", '"
                    + java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(random.nextInt(1_000_000) * 1000L) + "', "
                    + note + ") " + upsertTail;
        }

        void run(Duration howLong, int fromKey, int toKey) throws Exception {
            Instant end = Instant.now().plus(howLong);
            try (Connection c = connect.call(); Statement st = c.createStatement()) {
                while (Instant.now().isBefore(end)) {
                    c.setAutoCommit(random.nextBoolean());
                    int statements = c.getAutoCommit() ? 1 : 1 + random.nextInt(5);
                    for (int i = 0; i < statements; i++) {
                        long id = fromKey + random.nextInt(toKey - fromKey + 1);
                        switch (random.nextInt(4)) {
                            case 0, 1 -> st.execute(upsertSql(id, "s" + random.nextInt(9)));
                            case 2 -> st.execute("UPDATE orders SET amount = amount + 1, status = 'upd' WHERE id = " + id);
                            default -> st.execute("DELETE FROM orders WHERE id = " + id);
                        }
                    }
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        }
    }

    /** The table's rows as text, one per row, by id: what "equal" means across databases of two kinds. */
    private static List<String> rows(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + table + " ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.append(i > 1 ? "|" : "").append(v instanceof BigDecimal d ? d.toPlainString()
                            : v instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString() : v);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Drops the slot once its walsender let go of it (a moment after the stream closed). */
    private static void dropSlot(String name) throws SQLException {
        try (Connection c = PostgresFixture.connect("postgres"); Statement st = c.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                        + name + "' AND active")) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            });
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + name + "'");
        }
    }
}
