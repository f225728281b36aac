package io.dtaas.variables;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.Role;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.jdbc.JdbcConnector;
import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.error.ConfigError;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rendered literals read back by real PostgreSQL and MariaDB as exactly the value, through the browser's
 * statement and through a prepared statement (whose drivers scan for '?'); an injection string matches only
 * itself; db_query reading keeps types and refuses anything but one value.
 */
class SqlLiteralsIT {

    private static final String PG_DB = "dtaas_vars_literals";
    private static final String MY_DB = "dtaas_vars_literals";
    private static final String INJECTION = "' OR 1=1 --";
    private static final List<String> NASTY = List.of(INJECTION, "\\' OR 1=1 --", "'; DROP TABLE people; --", "a\\b",
            "\\", "''", "?", "? ?", "$$", "$1", "$a$ x $a$", "/* x */", "*/", "-- c", "# c", "line1\nline2\r\nline3",
            "Grüße 日本 😀", "%_", "\"", "`", "\\n", "\\Z", "\\0", "{{x}}", "", " ", "\t");

    private static End pg;
    private static End my;

    private record End(CatalogBrowser browser, JdbcDialect dialect, Connector open) {
    }

    @FunctionalInterface
    private interface Connector {
        Connection open() throws Exception;
    }

    @BeforeAll
    static void databases() throws Exception {
        PostgresFixture.freshDatabase(PG_DB);
        PostgresFixture.execute(PG_DB, "CREATE TABLE people (name text)",
                "INSERT INTO people VALUES ('alice'), ('bob'), ('' OR 1=1 --')".replace("('' OR", "(''' OR"));
        MariaDbFixture.freshDatabase(MY_DB);
        MariaDbFixture.execute(MY_DB, "CREATE TABLE people (name varchar(100))",
                "INSERT INTO people VALUES ('alice'), ('bob'), (''' OR 1=1 --')");
        pg = end("postgresql", PostgresFixture.connectionConfig(PG_DB), () -> PostgresFixture.connect(PG_DB));
        my = end("mysql", MariaDbFixture.connectionConfig(MY_DB), () -> MariaDbFixture.connect(MY_DB));
    }

    private static End end(String type, Map<String, Object> config, Connector open) {
        JdbcConnector connector = (JdbcConnector) StandardConnectors.registry().require(Role.SOURCE, type);
        ConfigValues values = ConfigValidator.validate(connector.type(), config, "connection_config");
        return new End(connector.browser(values), connector.dialect(), open);
    }

    @Test
    void everyNastyStringReadsBackExactly() throws Exception {
        for (End end : List.of(pg, my)) {
            for (String s : NASTY) {
                String sql = sql("SELECT {{v}} AS v", end, new VariableValue.Text(s));
                assertThat(end.browser().singleValue(null, sql, 10)).as(sql).isEqualTo(s);
                assertThat(prepared(end, sql)).as(sql).isEqualTo(s);
            }
        }
    }

    @Test
    void anInjectionStringMatchesOnlyItself() throws Exception {
        for (End end : List.of(pg, my)) {
            String template = "SELECT count(*) FROM people WHERE name = {{x}}";
            assertThat(end.browser().singleValue(null, sql(template, end, new VariableValue.Text(INJECTION)), 10))
                    .isEqualTo(1L);
            assertThat(end.browser().singleValue(null, sql(template, end, new VariableValue.Text("alice")), 10))
                    .isEqualTo(1L);
            assertThat(end.browser().singleValue(null, sql(template, end, new VariableValue.Text("' OR '1'='1")), 10))
                    .isEqualTo(0L);
        }
    }

    @Test
    void typedValuesReadBackWithTheirType() {
        LocalDate day = LocalDate.of(2026, 1, 31);
        LocalDateTime at = LocalDateTime.of(2026, 1, 31, 23, 59, 58, 123_456_000);
        Instant moment = Instant.parse("2026-01-31T10:00:00.5Z");
        for (End end : List.of(pg, my)) {
            assertThat(value(end, new VariableValue.Date(day))).isEqualTo(day);
            assertThat(value(end, new VariableValue.Timestamp(at))).isEqualTo(at);
            assertThat(value(end, new VariableValue.Int(-5))).isIn(-5L, new BigDecimal("-5"));
            assertThat(value(end, new VariableValue.Int(Long.MAX_VALUE))).isIn(Long.MAX_VALUE, new BigDecimal(Long.MAX_VALUE));
            assertThat(value(end, new VariableValue.Decimal(new BigDecimal("-12.50")))).isEqualTo(new BigDecimal("-12.50"));
            assertThat(value(end, new VariableValue.Null())).isNull();
        }
        assertThat(value(pg, new VariableValue.Moment(moment))).isEqualTo(moment);
        assertThat(value(my, new VariableValue.Moment(moment))).isEqualTo(LocalDateTime.of(2026, 1, 31, 10, 0, 0, 500_000_000));
        assertThat(value(pg, new VariableValue.Bool(true))).isEqualTo(true);
        assertThat(value(my, new VariableValue.Bool(true))).isEqualTo(1L);
    }

    @Test
    void aValueQueryMustAnswerExactlyOneValueWithinItsTimeout() {
        for (End end : List.of(pg, my)) {
            assertThatThrownBy(() -> end.browser().singleValue(null, "SELECT name FROM people", 10))
                    .isInstanceOf(ConfigError.class).hasMessageContaining("sql: returned more than one row");
            assertThatThrownBy(() -> end.browser().singleValue(null, "SELECT name FROM people WHERE name = 'zed'", 10))
                    .hasMessageContaining("sql: returned no row");
            assertThatThrownBy(() -> end.browser().singleValue(null, "SELECT 1, 2", 10))
                    .hasMessageContaining("sql: must return exactly one column; it returned 2");
            assertThatThrownBy(() -> end.browser().singleValue(null, "DELETE FROM people", 10))
                    .hasMessageContaining("only a single read-only statement is allowed");
        }
        assertThatThrownBy(() -> pg.browser().singleValue(null, "SELECT pg_sleep(5)::text", 1))
                .hasMessage("sql: cancelled after the 1 s statement timeout");
        assertThatThrownBy(() -> my.browser().singleValue(null, "SELECT SLEEP(5)", 1))
                .hasMessage("sql: cancelled after the 1 s statement timeout");
        assertThatThrownBy(() -> pg.browser().singleValue(null, "SELECT max(x) FROM missing_table", 5))
                .hasMessageContaining("missing_table");
    }

    private static Object value(End end, VariableValue v) {
        return end.browser().singleValue(null, sql("SELECT {{v}} AS v", end, v), 10);
    }

    private static String sql(String template, End end, VariableValue v) {
        return new ResolvedVariables(Map.of("v", v, "x", v)).sql(template, end.dialect(), "q");
    }

    private static String prepared(End end, String sql) throws Exception {
        try (Connection c = end.open().open(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
