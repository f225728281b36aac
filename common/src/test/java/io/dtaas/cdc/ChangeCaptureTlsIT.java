package io.dtaas.cdc;

import io.dtaas.connect.jdbc.ChangeApplier;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Destination;
import io.dtaas.connect.SnapshotHandoff;
import io.dtaas.connect.Source;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.TransientError;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.ThrowawayPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Change capture connects through the connector's own endpoint settings everywhere (issue 13): against a
 * PostgreSQL that accepts TLS connections only ({@code hostssl} in pg_hba, plain TCP rejected), the pre-flight,
 * the handoff's replication connection, the slot check and the Debezium stream all work with
 * {@code sslmode=require}, and the same connector with {@code sslmode=disable} is refused, so each of them
 * really went through TLS.
 */
class ChangeCaptureTlsIT {

    private static ThrowawayPostgres server;
    private static final String DB = "tls_src";
    private static final TableRef TABLE = new TableRef("public", "items");
    private static final ChangeCapture CAPTURE = new PostgresConnector().changeCapture().orElseThrow();

    @BeforeAll
    static void startTlsOnlyServer(@TempDir Path certs) throws Exception {
        Path key = certs.resolve("server.key");
        Path crt = certs.resolve("server.crt");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", crt.toString())
                .redirectErrorStream(true).redirectOutput(certs.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(Files.readString(certs.resolve("openssl.log"))).isZero();
        server = ThrowawayPostgres.builder()
                .file("server.crt", Files.readString(crt)).file("server.key", Files.readString(key))
                .setting("ssl", "on")
                .hbaLine("local all all trust")
                .hbaLine("hostssl all all 127.0.0.1/32 trust")
                .hbaLine("hostssl replication all 127.0.0.1/32 trust")
                .hbaLine("hostnossl all all 127.0.0.1/32 reject")
                .hbaLine("hostnossl replication all 127.0.0.1/32 reject")
                .launch();
        server.createDatabase(DB); // the fixture's own connections default to sslmode=prefer: TLS
        server.execute(DB, "CREATE TABLE items (id bigint PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 100) g");
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static ConfigValues source(String sslmode) {
        Map<String, Object> config = new HashMap<>(server.connectionConfig(DB));
        config.put("sslmode", sslmode);
        return ConfigValidator.validate(PostgresConnector.TYPE, config, "s");
    }

    @Test
    void plainConnectionsAreRefusedSoTheOthersUsedTls() {
        assertThatThrownBy(() -> CAPTURE.preflight(source("disable"), "tls_none", List.of(TABLE)))
                .isInstanceOf(TransientError.class).hasMessageContaining("no encryption");
    }

    @Test
    void preflightHandoffAndStreamAllConnectOverTls(@TempDir Path state) throws Exception {
        ConfigValues source = source("require");
        String stream = "dtaas_tls_stream";
        String dst = "tls_dst";
        PostgresFixture.freshDatabase(dst);
        try {
            assertThat(CAPTURE.preflight(source, stream, List.of(TABLE)).problems()).isEmpty();
            TableSchema schema;
            try (Source reader = new PostgresConnector().source(source)) {
                schema = reader.describe(TABLE);
                // the handoff creates the slot over a replication connection (TLS too) before the load
                try (SnapshotHandoff handoff = CAPTURE.beginHandoff(source, stream, List.of(TABLE), reader)) {
                    assertThat(handoff.loaded()).isEmpty();
                }
            }
            assertThat(CAPTURE.storedPositionLost(source, 1, stream)).isEmpty(); // the slot exists
            ConfigValues destination = ConfigValidator.validate(PostgresConnector.TYPE,
                    PostgresFixture.connectionConfig(dst), "d");
            CapturePlan plan = new CapturePlan(stream, List.of(TABLE), state.resolve("offsets.dat"),
                    state.resolve("history.dat"), 500, 50);
            try (Destination d = new PostgresConnector().destination(destination)) {
                ChangeApplier applier = new ChangeApplier(d, Map.of(TABLE, schema), t -> t);
                applier.prepare();
                try (ChangeStream changes = new ChangeStream(DebeziumProperties.of(CAPTURE, source, plan),
                        Map.of(TABLE, schema), applier, applied -> { })) {
                    changes.start();
                    // the slot was created before these: every change reaches the target through the TLS stream
                    server.execute(DB, "INSERT INTO items VALUES (101, 'new')", "UPDATE items SET v = 'changed' WHERE id = 5",
                            "DELETE FROM items WHERE id = 7");
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                        assertThat(changes.outcome()).isNotDone();
                        assertThat(rows(PostgresFixture.connect(dst))).containsExactly("101|new", "5|changed");
                    });
                }
            }
            assertThat(CAPTURE.retainedBytes(source, stream)).isNotNull();
        } finally {
            assertThat(CAPTURE.cleanUp(source, stream).leftOver()).isEmpty();
        }
    }

    private static List<String> rows(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v FROM public.items ORDER BY v DESC")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2));
            }
        }
        return rows;
    }
}
