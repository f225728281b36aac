package io.dtaas.connect.jdbc;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.Role;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.error.ConfigError;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's read guard against the real PostgreSQL 15 and MariaDB: the attacks are refused with the
 * reason and change nothing; functions with side effects are refused by what the server's catalog says of them
 * (volatility, stored functions), also when hidden in a view; ordinary reads still run.
 */
class ReadGuardIT {

    private static final String DB = "dtaas_read_guard";
    private static CatalogBrowser pg;
    private static CatalogBrowser my;

    @BeforeAll
    static void databases() throws SQLException {
        PostgresFixture.freshDatabase(DB);
        PostgresFixture.execute(DB, "CREATE TABLE victim (id int PRIMARY KEY, name text)",
                "INSERT INTO victim SELECT g, 'n' || g FROM generate_series(1, 5) g",
                "CREATE VIEW sneaky AS SELECT id, pg_terminate_backend(0) AS t FROM victim",
                "CREATE VIEW harmless AS SELECT id, upper(name) AS name FROM victim",
                "CREATE FUNCTION wrapped() RETURNS bool LANGUAGE sql STABLE AS 'SELECT pg_terminate_backend(0)'",
                "CREATE FUNCTION hidden() RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$BEGIN RETURN 1; END$$");
        MariaDbFixture.freshDatabase(DB);
        MariaDbFixture.execute(DB, "CREATE TABLE victim (id int PRIMARY KEY, name varchar(20))",
                "INSERT INTO victim VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')",
                "CREATE FUNCTION bump() RETURNS int READS SQL DATA DETERMINISTIC RETURN 1");
        pg = browser("postgresql", PostgresFixture.connectionConfig(DB));
        my = browser("mysql", MariaDbFixture.connectionConfig(DB));
    }

    private static CatalogBrowser browser(String type, Map<String, Object> config) {
        JdbcConnector connector = (JdbcConnector) StandardConnectors.registry().require(Role.SOURCE, type);
        ConfigValues values = ConfigValidator.validate(connector.type(), config, "connection_config");
        return connector.browser(values);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT '\\'; COMMIT; DELETE FROM victim WHERE id=3; COMMIT; --'",
            "SELECT 1; DELETE FROM victim", "SELECT $a$ $a$; DELETE FROM victim",
            "SELECT 1 /* /* */ ; DELETE FROM victim; --", "WITH d AS (DELETE FROM victim RETURNING id) SELECT * FROM d",
            "SELECT * FROM victim FOR UPDATE", "SELECT * INTO copy FROM victim", "EXPLAIN ANALYZE DELETE FROM victim",
            "SELECT pg_terminate_backend(pg_backend_pid())", "SELECT pg_read_file('/etc/hostname')",
            "SELECT lo_import('/etc/hostname')", "SELECT pg_advisory_lock(42)", "SELECT set_config('work_mem', '1MB', false)",
            "SELECT pg_create_logical_replication_slot('dtaas_guard_slot', 'pgoutput')", "SELECT nextval('x')",
            "SELECT * FROM sneaky", "SELECT wrapped()", "SELECT hidden()", "EXPLAIN SELECT pg_read_file('x')",
            "SELECT * FROM victim WHERE id = (SELECT pg_cancel_backend(0)::int)", "SELECT query_to_xml('DELETE FROM victim', true, true, '')"})
    void postgresqlRefusesAndNothingChanges(String sql) throws SQLException {
        assertThatThrownBy(() -> pg.query(null, sql, QueryLimits.DEFAULT)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("sql: ");
        assertThat(count("SELECT count(*) FROM victim")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'dtaas_guard_slot'")).isZero();
    }

    @Test
    void postgresqlNamesTheVolatileFunctions() {
        assertThatThrownBy(() -> pg.query(null, "SELECT pg_terminate_backend(0), lo_import('/x'), random()",
                QueryLimits.DEFAULT)).hasMessageContaining("pg_terminate_backend(integer,bigint) (volatile)")
                .hasMessageContaining("lo_import(text) (volatile)").hasMessageNotContaining("random");
    }

    @Test
    void postgresqlWithoutStandardConformingStringsTheAttackIsOneString() throws SQLException {
        // the role's setting applies to the console's session: the whole rest is then one string, and that is fine
        PostgresFixture.execute(DB, "ALTER DATABASE " + DB + " SET standard_conforming_strings = off");
        try {
            String attack = "SELECT '\\'; COMMIT; DELETE FROM victim WHERE id=3; COMMIT; --'";
            assertThat(pg.query(null, attack, QueryLimits.DEFAULT).rows()).hasSize(1);
            assertThatThrownBy(() -> pg.query(null, "SELECT E'\\\\'; DELETE FROM victim; --'", QueryLimits.DEFAULT))
                    .hasMessageContaining("only one statement");
        } finally {
            PostgresFixture.execute(DB, "ALTER DATABASE " + DB + " RESET standard_conforming_strings");
        }
        assertThat(count("SELECT count(*) FROM victim")).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT v.id, h.name FROM victim v JOIN harmless h ON h.id = v.id ORDER BY 1",
            "WITH x AS (SELECT id FROM victim) SELECT count(*), now(), random() FROM x", "VALUES (1), (2)",
            "TABLE victim", "EXPLAIN SELECT * FROM victim", "EXPLAIN (COSTS false) SELECT 1", "SHOW work_mem",
            "SELECT pg_relation_size('victim'), version(), current_setting('work_mem');  -- done",
            "SELECT 1 AS a, 2 AS a", "SELECT $$;$$ AS semi, E'\\'' AS quote, \"id\" FROM victim LIMIT 1"})
    void postgresqlPlainReadsRun(String sql) {
        assertThat(pg.query(null, sql, QueryLimits.DEFAULT).rows()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT LOAD_FILE('/etc/hostname')", "SELECT GET_LOCK('dtaas', 1)", "SELECT RELEASE_LOCK('x')",
            "SELECT * FROM victim INTO OUTFILE '/tmp/dtaas_guard_out.txt'", "SELECT 1 /*! INTO OUTFILE '/tmp/dtaas_x.txt' */",
            "SELECT 1 /*M!100000 INTO OUTFILE '/tmp/dtaas_y.txt' */", "SELECT bump()", "SELECT `dtaas_read_guard`.bump()",
            "SELECT @a := 1", "SELECT * FROM victim FOR UPDATE", "SELECT * FROM victim LOCK IN SHARE MODE",
            "SELECT '\\\\'; DELETE FROM victim; -- '", "SELECT 1; DELETE FROM victim", "SELECT 1 # x\n; DELETE FROM victim",
            "WITH x AS (SELECT 1) DELETE FROM victim", "SELECT 1 INTO @v"})
    void mariadbRefusesAndNothingChanges(String sql) throws SQLException {
        assertThatThrownBy(() -> my.query(null, sql, QueryLimits.DEFAULT)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("sql: ");
        try (Connection c = MariaDbFixture.connect(DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM victim")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'a\\'; b' AS s, REPLACE(name, 'a', 'b') FROM victim", "SHOW TABLES",
            "WITH x AS (SELECT id FROM victim) SELECT count(*) FROM x", "EXPLAIN SELECT * FROM victim", "DESCRIBE victim",
            "SELECT v.id FROM victim v JOIN victim w ON w.id = v.id WHERE v.id IN (1, 2); -- done"})
    void mariadbPlainReadsRun(String sql) {
        assertThat(my.query(null, sql, QueryLimits.DEFAULT).rows()).isNotEmpty();
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = PostgresFixture.connect(DB); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
