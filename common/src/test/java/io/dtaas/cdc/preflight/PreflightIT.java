package io.dtaas.cdc.preflight;

import io.dtaas.cdc.SourceCapture;
import io.dtaas.connect.CaptureCleanup;
import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.PreflightReport;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.error.ConfigError;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pre-flight against the real servers, and dropping a stream's slot and publication. */
class PreflightIT {

    private static final ChangeCapture PG = SourceCapture.of(new io.dtaas.connect.postgres.PostgresConnector());

    @Test
    void postgresPassesForAReplicationRoleAndNamesTheMissingAttribute() throws Exception {
        String db = "dtaas_5c_preflight";
        PostgresFixture.freshDatabase(db);
        ConfigValues admin = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(db), "s");
        assertThat(PG.preflight(admin, "dtaas_5c_none", List.of()).ok()).isTrue();

        PostgresFixture.execute("postgres", "DROP ROLE IF EXISTS dtaas_5c_norepl",
                "CREATE ROLE dtaas_5c_norepl LOGIN NOREPLICATION PASSWORD 'x'");
        Map<String, Object> config = new HashMap<>(PostgresFixture.connectionConfig(db));
        config.put("username", "dtaas_5c_norepl");
        config.put("password", "x");
        ConfigValues norepl = ConfigValidator.validate(PostgresConnector.TYPE, config, "s");
        try {
            assertThatThrownBy(() -> PG.preflight(norepl, "dtaas_5c_none", List.of()).requireOk("the postgresql source"))
                    .isInstanceOf(ConfigError.class)
                    .hasMessage("source_connector_id: the postgresql source is not ready for change data capture:"
                            + " role 'dtaas_5c_norepl' lacks the REPLICATION attribute: run ALTER ROLE"
                            + " \"dtaas_5c_norepl\" REPLICATION as a superuser");
        } finally {
            PostgresFixture.execute("postgres", "DROP ROLE IF EXISTS dtaas_5c_norepl");
        }
    }

    @Test
    void mariadbPassesWithRowBinlogAndReportsGtids() {
        ConfigValues source = ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig("mysql"), "s");
        PreflightReport report = SourceCapture.of(new io.dtaas.connect.mysql.MysqlConnector()).preflight(source, "dtaas_5c_none", List.of());
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).singleElement().asString().startsWith("MariaDB GTID position ");
    }

    @Test
    void dropRemovesTheSlotAndPublicationAndKeptPositionFollowsTheSlot() throws Exception {
        String db = "dtaas_5c_drop";
        String stream = "dtaas_5c_stream_" + ProcessHandle.current().pid();
        PostgresFixture.freshDatabase(db);
        PostgresFixture.execute(db, "CREATE TABLE t (id int PRIMARY KEY)", "CREATE PUBLICATION " + stream + " FOR TABLE t",
                "SELECT pg_create_logical_replication_slot('" + stream + "', 'pgoutput')");
        ConfigValues source = ConfigValidator.validate(PostgresConnector.TYPE, PostgresFixture.connectionConfig(db), "s");
        try {
            assertThat(PG.storedPositionLost(source, 7, stream)).isEmpty();
            CaptureCleanup cleanup = PG.cleanUp(source, stream);
            assertThat(cleanup.dropped()).containsExactly("replication slot " + stream, "publication " + stream);
            assertThat(cleanup.leftOver()).isEmpty();
            assertThat(PG.storedPositionLost(source, 7, stream)).get().asString()
                    .startsWith("the replication slot " + stream + " no longer exists on the PostgreSQL source");
            assertThat(count(db, "SELECT count(*) FROM pg_publication WHERE pubname = '" + stream + "'")).isZero();
            assertThat(PG.cleanUp(source, stream).dropped()).isEmpty(); // nothing left: no error

            Map<String, Object> unreachable = new HashMap<>(PostgresFixture.connectionConfig(db));
            unreachable.put("port", 1);
            CaptureCleanup left = PG.cleanUp(ConfigValidator.validate(PostgresConnector.TYPE, unreachable, "s"), stream);
            assertThat(left.dropped()).isEmpty();
            assertThat(left.leftOver()).containsExactly("SELECT pg_drop_replication_slot('" + stream + "')",
                    "DROP PUBLICATION IF EXISTS " + stream);
        } finally {
            PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name = '" + stream + "'");
        }
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
