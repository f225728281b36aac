package io.dtaas.cdc.preflight;

import io.dtaas.cdc.DebeziumProperties;
import io.dtaas.cdc.SourceCapture;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.mysql.MysqlPreflight;
import io.dtaas.connect.oracle.OraclePreflight;
import io.dtaas.connect.postgres.PostgresPreflight;
import io.dtaas.connect.sqlserver.SqlServerPreflight;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.oracle.OracleConnector;
import io.dtaas.connect.sqlserver.SqlServerConnector;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pre-flight verdicts for given settings rows, the SQL Server/Oracle engine settings, lost-position messages. */
class PreflightEvaluationTest {

    private static PostgresPreflight.Settings pg(String walLevel, boolean replication, int usedSlots, boolean own) {
        return new PostgresPreflight.Settings("app", walLevel, false, replication, true, 10, usedSlots, own, 10, 2);
    }

    @Test
    void postgresNamesEachWrongSettingAndItsFix() {
        assertThat(PostgresPreflight.evaluate(pg("logical", true, 3, false)).problems()).isEmpty();
        assertThat(PostgresPreflight.evaluate(pg("replica", true, 3, false)).problems()).containsExactly(
                "wal_level is 'replica' but must be 'logical': run ALTER SYSTEM SET wal_level = logical and restart PostgreSQL");
        assertThat(PostgresPreflight.evaluate(pg("logical", false, 3, false)).problems()).containsExactly(
                "role 'app' lacks the REPLICATION attribute: run ALTER ROLE \"app\" REPLICATION as a superuser");
        assertThat(PostgresPreflight.evaluate(pg("logical", true, 10, false)).problems()).singleElement()
                .asString().startsWith("all 10 replication slots (max_replication_slots) are in use");
        // the task's own slot already exists: a full server needs no new one
        assertThat(PostgresPreflight.evaluate(pg("logical", true, 10, true)).problems()).isEmpty();
        var superuser = new PostgresPreflight.Settings("postgres", "logical", true, false, true, 10, 0, false, 10, 10);
        assertThat(PostgresPreflight.evaluate(superuser).problems()).singleElement().asString()
                .startsWith("all 10 WAL senders (max_wal_senders) are in use");
        assertThatThrownBy(() -> PostgresPreflight.evaluate(pg("minimal", false, 0, false)).requireOk("the postgresql source"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("source_connector_id: the postgresql source is not ready for change data capture:"
                        + " wal_level is 'minimal'")
                .hasMessageContaining("; role 'app' lacks the REPLICATION attribute");
    }

    @Test
    void mysqlNamesBinlogSettingsAndPrivileges() {
        Map<String, String> good = Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL",
                "gtid_current_pos", "0-1-5");
        var ok = MysqlPreflight.evaluate(new MysqlPreflight.Settings(good,
                List.of("GRANT SELECT, RELOAD, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `cdc`@`%`")));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.notes()).containsExactly("MariaDB GTID position 0-1-5");

        var bad = MysqlPreflight.evaluate(new MysqlPreflight.Settings(
                Map.of("LOG_BIN", "OFF", "binlog_format", "MIXED", "binlog_row_image", "MINIMAL", "gtid_mode", "ON"),
                List.of("GRANT USAGE ON *.* TO `cdc`@`%`", "GRANT ALL PRIVILEGES ON `shop`.* TO `cdc`@`%`")));
        assertThat(bad.problems()).containsExactly(
                "log_bin is off: start the server with log_bin (e.g. log_bin=mysql-bin in my.cnf) and restart",
                "binlog_format is 'MIXED' but must be ROW: set binlog_format=ROW in my.cnf (or SET GLOBAL binlog_format = 'ROW') and restart",
                "binlog_row_image is 'MINIMAL' but must be FULL: set binlog_row_image=FULL in my.cnf (or SET GLOBAL binlog_row_image = 'FULL')",
                "the user lacks REPLICATION SLAVE: run GRANT REPLICATION SLAVE ON *.* TO the user",
                "the user lacks REPLICATION CLIENT (BINLOG MONITOR on MariaDB): run GRANT REPLICATION CLIENT ON *.* TO the user");
        assertThat(bad.notes()).containsExactly("GTID mode ON");
    }

    @Test
    void sqlServerNeedsCdcOnTheDatabaseAndEachTable() {
        assertThat(SqlServerPreflight.DATABASE_SQL).contains("sys.databases").contains("is_cdc_enabled");
        assertThat(SqlServerPreflight.TABLES_SQL).contains("cdc.change_tables");
        List<TableRef> tables = List.of(new TableRef("dbo", "Orders"), new TableRef("dbo", "items"));
        assertThat(SqlServerPreflight.evaluate(new SqlServerPreflight.Settings("shop", false, Set.of()), tables).problems())
                .containsExactly("CDC is not enabled on database shop: run EXEC sys.sp_cdc_enable_db in it"
                        + " (Change Tracking is not enough; see docs/cdc.md)");
        assertThat(SqlServerPreflight.evaluate(new SqlServerPreflight.Settings("shop", true, Set.of("dbo.orders")), tables)
                .problems()).containsExactly("CDC is not enabled on table dbo.items: run EXEC sys.sp_cdc_enable_table"
                + " @source_schema = N'dbo', @source_name = N'items', @role_name = NULL");
    }

    @Test
    void oracleNeedsArchivelogAndSupplementalLogging() {
        assertThat(OraclePreflight.SETTINGS_SQL).contains("v$database").contains("supplemental_log_data_min");
        assertThat(OraclePreflight.evaluate(new OraclePreflight.Settings("ARCHIVELOG", "YES", "NO")).problems()).isEmpty();
        assertThat(OraclePreflight.evaluate(new OraclePreflight.Settings("NOARCHIVELOG", "NO", "NO")).problems())
                .hasSize(2).satisfiesExactly(
                        p -> assertThat(p).startsWith("the database is in NOARCHIVELOG mode but LogMiner needs ARCHIVELOG"),
                        p -> assertThat(p).startsWith("supplemental logging is off: run ALTER DATABASE ADD SUPPLEMENTAL LOG DATA"));
    }

    @Test
    void sqlServerAndOracleEngineSettings() throws Exception {
        CapturePlan plan = new CapturePlan("dtaas_task_7", List.of(new TableRef("dbo", "orders")), Path.of("o.dat"),
                Path.of("h.dat"), 500, 100);
        Properties ss = DebeziumProperties.of(SourceCapture.of(new io.dtaas.connect.sqlserver.SqlServerConnector()), ConfigValidator.validate(SqlServerConnector.TYPE,
                Map.of("host", "db.example", "port", 1433, "database", "shop", "username", "cdc", "password", "pw"), "s"), plan);
        assertThat(ss.getProperty("connector.class")).isEqualTo("io.debezium.connector.sqlserver.SqlServerConnector");
        assertThat(ss.getProperty("database.names")).isEqualTo("shop");
        assertThat(ss.getProperty("table.include.list")).isEqualTo("dbo.orders");
        assertThat(ss.getProperty("schema.history.internal.file.filename")).isEqualTo("h.dat");
        Properties ora = DebeziumProperties.of(SourceCapture.of(new io.dtaas.connect.oracle.OracleConnector()), ConfigValidator.validate(OracleConnector.TYPE,
                Map.of("host", "db.example", "port", 1521, "service_name", "ORCLPDB1", "username", "cdc", "password", "pw"),
                "s"), plan);
        assertThat(ora.getProperty("connector.class")).isEqualTo("io.debezium.connector.oracle.OracleConnector");
        assertThat(ora.getProperty("database.connection.adapter")).isEqualTo("logminer");
        assertThat(ora.getProperty("database.dbname")).isEqualTo("ORCLPDB1");
        // the Debezium connectors named there are packaged, so an engine could start them
        for (Properties p : List.of(ss, ora)) {
            assertThat(org.apache.kafka.connect.source.SourceConnector.class
                    .isAssignableFrom(Class.forName(p.getProperty("connector.class")))).isTrue();
        }
    }

    @Test
    void lostPositionsAreExplained() {
        var debezium = new RuntimeException("Error starting",
                new IllegalStateException("The connector is trying to read change stream starting at LSN{0/1}, but this"
                        + " is no longer available on the server. Reconfigure the connector to use a snapshot mode when needed."));
        assertThat(SourceCapture.of(new io.dtaas.connect.postgres.PostgresConnector()).lostPosition(debezium, 12, "dtaas_task_12")).contains(
                "the replication slot dtaas_task_12 no longer exists on the PostgreSQL source, so the changes since the"
                        + " last applied position are lost; resync the task (POST /api/tasks/12/resync) to reload its"
                        + " tables and stream from the current position");
        assertThat(SourceCapture.of(new io.dtaas.connect.mysql.MysqlConnector()).lostPosition(new RuntimeException("Could not find first log file name in binary"
                + " log index file Error code: 1236"), 3, "dtaas_task_3")).get().asString().startsWith("the binary log holding the task's"
                + " position was purged");
        assertThat(SourceCapture.of(new io.dtaas.connect.postgres.PostgresConnector()).lostPosition(new RuntimeException("connection refused"), 3, "dtaas_task_3")).isEmpty();
    }
}
