package io.dtaas.variables;

import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.mysql.MysqlDialect;
import io.dtaas.connect.oracle.OracleDialect;
import io.dtaas.connect.postgres.PostgresDialect;
import io.dtaas.connect.snowflake.SnowflakeDialect;
import io.dtaas.connect.sqlserver.SqlServerDialect;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a {{name}} counts as a reference in SQL, and how each value type renders per dialect. */
class SqlTemplatesTest {

    private static final String INJECTION = "' OR 1=1 --";
    private static final PostgresDialect PG = new PostgresDialect();
    private static final MysqlDialect MY = new MysqlDialect();

    private static Map<String, VariableValue> values(Object... pairs) {
        Map<String, VariableValue> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (VariableValue) pairs[i + 1]);
        }
        return m;
    }

    private static String pg(String sql, Map<String, VariableValue> values) {
        return new ResolvedVariables(values).sql(sql, PG, "q");
    }

    private static String my(String sql, Map<String, VariableValue> values) {
        return new ResolvedVariables(values).sql(sql, MY, "q");
    }

    @Test
    void theSeedExampleRendersTypedLiterals() {
        Map<String, VariableValue> v = values("tenant_id", new VariableValue.Text("12345"),
                "max_date", new VariableValue.Date(LocalDate.of(2026, 1, 31)));
        String seed = "SELECT * FROM orders \nWHERE tenant_id = {{tenant_id}}\nAND order_date > {{max_date}}";
        assertThat(pg(seed, v)).isEqualTo("SELECT * FROM orders \nWHERE tenant_id = '12345'\nAND order_date > DATE '2026-01-31'");
        assertThat(my(seed, v)).isEqualTo("SELECT * FROM orders \nWHERE tenant_id = '12345'\nAND order_date > DATE '2026-01-31'");
    }

    @Test
    void anInjectionStringStaysOneStringLiteral() {
        Map<String, VariableValue> v = values("x", new VariableValue.Text(INJECTION));
        assertThat(pg("SELECT * FROM t WHERE name = {{x}}", v)).isEqualTo("SELECT * FROM t WHERE name = ''' OR 1=1 --'");
        assertThat(my("SELECT * FROM t WHERE name = {{x}}", v)).isEqualTo("SELECT * FROM t WHERE name = ''' OR 1=1 --'");
        Map<String, VariableValue> backslash = values("x", new VariableValue.Text("\\' OR 1=1 --"));
        assertThat(pg("SELECT {{x}}", backslash)).isEqualTo("SELECT E'\\\\'' OR 1=1 --'");
        assertThat(my("SELECT {{x}}", backslash)).isEqualTo("SELECT '\\\\'' OR 1=1 --'");
        assertThat(new ResolvedVariables(backslash).sql("SELECT {{x}}", new SqlServerDialect(), "q"))
                .isEqualTo("SELECT N'\\'' OR 1=1 --'");
    }

    @Test
    void numbersNullsBooleansDatesAndTimestampsRenderByType() {
        Map<String, VariableValue> v = values("i", new VariableValue.Int(-5), "d", new VariableValue.Decimal(new BigDecimal("12.50")),
                "n", new VariableValue.Null(), "b", new VariableValue.Bool(true),
                "t", new VariableValue.Timestamp(LocalDateTime.of(2026, 11, 26, 9, 5, 1, 123_000_000)),
                "m", new VariableValue.Moment(Instant.parse("2026-11-26T09:05:01Z")),
                "u", new VariableValue.Text("Grüße 日本 😀"));
        String sql = "SELECT x - {{i}}, {{d}}, {{n}}, {{b}}, {{t}}, {{m}}, {{u}}";
        assertThat(pg(sql, v)).isEqualTo("SELECT x - (-5), 12.50, NULL, TRUE, TIMESTAMP '2026-11-26 09:05:01.123',"
                + " TIMESTAMPTZ '2026-11-26 09:05:01+00', 'Grüße 日本 😀'");
        assertThat(my(sql, v)).isEqualTo("SELECT x - (-5), 12.50, NULL, TRUE, TIMESTAMP '2026-11-26 09:05:01.123',"
                + " TIMESTAMP '2026-11-26 09:05:01', 'Grüße 日本 😀'");
        assertThat(new ResolvedVariables(v).sql(sql, new SqlServerDialect(), "q")).isEqualTo("SELECT x - (-5), 12.50,"
                + " NULL, 1, CAST('2026-11-26T09:05:01.123' AS DATETIME2), CAST('2026-11-26T09:05:01+00:00' AS"
                + " DATETIMEOFFSET), N'Grüße 日本 😀'");
    }

    @Test
    void oracleAndSnowflakeLiterals() {
        Map<String, VariableValue> v = values("s", new VariableValue.Text("a\\'b"), "b", new VariableValue.Bool(false),
                "m", new VariableValue.Moment(Instant.parse("2026-11-26T09:05:01Z")));
        assertThat(new ResolvedVariables(v).sql("SELECT {{s}}, {{b}}, {{m}} FROM dual", new OracleDialect(), "q"))
                .isEqualTo("SELECT 'a\\''b', 0, TIMESTAMP '2026-11-26 09:05:01 +00:00' FROM dual");
        assertThat(new ResolvedVariables(v).sql("SELECT {{s}}, {{b}}", new SnowflakeDialect(), "q"))
                .isEqualTo("SELECT 'a\\\\''b', FALSE");
    }

    @Test
    void aNegativeNumberAfterAMinusNeverStartsAComment() {
        assertThat(pg("SELECT 10 -{{i}}", values("i", new VariableValue.Int(-5)))).isEqualTo("SELECT 10 -(-5)");
    }

    @Test
    void nulCannotBeWrittenIntoPostgresText() {
        assertThatThrownBy(() -> pg("SELECT {{x}}", values("x", new VariableValue.Text("a\0b"))))
                .isInstanceOf(ConfigError.class).hasMessageContaining("q: variable {{x}}").hasMessageContaining("NUL");
        assertThat(my("SELECT {{x}}", values("x", new VariableValue.Text("a\0b")))).isEqualTo("SELECT 'a\\0b'");
    }

    @Test
    void referencesInCommentsAndQuotesAreNotSubstituted() {
        Map<String, VariableValue> v = values("x", new VariableValue.Int(1));
        assertThat(pg("SELECT {{x}} -- not {{x}}\n/* nor {{ x }} */", v)).isEqualTo("SELECT 1 -- not {{x}}\n/* nor {{ x }} */");
        assertThat(pg("SELECT '{{\"a\": 1}}', {{x}}", v)).isEqualTo("SELECT '{{\"a\": 1}}', 1");
    }

    @Test
    void aReferenceInsideQuotesIsRefusedWithAHint() {
        assertThatThrownBy(() -> pg("SELECT * FROM t WHERE code = '{{x}}'", values("x", new VariableValue.Int(1))))
                .isInstanceOf(ConfigError.class)
                .hasMessage("q: {{x}} at position 31 stands inside quotes; a variable renders as a complete literal"
                        + " with its own quotes, so write {{x}} without them (e.g. WHERE code = {{x}})");
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT `{{x}}`", SqlLexicon.MYSQL, "q"))
                .hasMessageContaining("stands inside quotes");
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT [{{x}}]", SqlLexicon.SQL_SERVER, "q"))
                .hasMessageContaining("stands inside quotes");
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT $tag$ a {{x}} $tag$", SqlLexicon.POSTGRESQL, "q"))
                .hasMessageContaining("stands inside quotes");
    }

    @Test
    void theScannerFollowsEachDatabasesQuotingRules() {
        // MySQL: a backtick quotes; '#' comments; "--x" is no comment
        assertThat(SqlTemplates.parse("SELECT 1 # {{x}}\n, {{y}}", SqlLexicon.MYSQL, "q").names()).containsExactly("y");
        assertThat(SqlTemplates.parse("SELECT 1 --{{x}}", SqlLexicon.MYSQL, "q").names()).containsExactly("x");
        assertThat(SqlTemplates.parse("SELECT 1 --{{x}}", SqlLexicon.POSTGRESQL, "q").names()).isEmpty();
        // PostgreSQL: block comments nest, so the second */ ends it
        assertThat(SqlTemplates.parse("/* a /* b */ ' */ {{x}}", SqlLexicon.POSTGRESQL, "q").names()).containsExactly("x");
        // PostgreSQL: E'' reads backslash escapes, so \' does not end it
        assertThat(SqlTemplates.parse("SELECT E'a\\' b', {{y}}", SqlLexicon.POSTGRESQL, "q").names())
                .isEqualTo(Set.of("y"));
        // SQL Server brackets and Oracle q-quotes
        assertThat(SqlTemplates.parse("SELECT [a'b], {{x}}", SqlLexicon.SQL_SERVER, "q").names()).containsExactly("x");
        assertThat(SqlTemplates.parse("SELECT q'[it's]', {{x}}", SqlLexicon.ORACLE, "q").names()).containsExactly("x");
    }

    @Test
    void readingsThatDependOnServerSettingsAreRefusedOnlyWhenVariablesAreUsed() {
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT 'a\\', {{x}}", SqlLexicon.MYSQL, "q"))
                .hasMessageContaining("backslash at position 10");
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT 'a\\', {{x}}", SqlLexicon.POSTGRESQL, "q"))
                .hasMessageContaining("standard_conforming_strings");
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT /*! 1 */ {{x}}", SqlLexicon.MYSQL, "q"))
                .hasMessageContaining("executable comment");
        assertThat(SqlTemplates.parse("SELECT 'a\\'", SqlLexicon.MYSQL, "q").names()).isEmpty();
        assertThat(SqlTemplates.parse("SELECT E'a\\\\', {{x}}", SqlLexicon.POSTGRESQL, "q").names()).containsExactly("x");
    }

    @Test
    void aReferenceTouchingANameNumberOrQuoteIsRefused() {
        for (String sql : new String[]{"SELECT col{{x}}", "SELECT {{x}}1", "SELECT 1.{{x}}", "SELECT 'a'{{x}}",
                "SELECT {{x}}\"b\"", "SELECT {{x}}{{y}}", "SELECT {{x}}}"}) {
            assertThatThrownBy(() -> SqlTemplates.parse(sql, SqlLexicon.POSTGRESQL, "q")).as(sql)
                    .hasMessageContaining("touches");
        }
        assertThat(SqlTemplates.parse("SELECT ({{x}}),{{y}}::date", SqlLexicon.POSTGRESQL, "q").names())
                .containsExactly("x", "y");
    }

    @Test
    void malformedAndUnknownReferencesNameTheField() {
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT {{{x}}}", SqlLexicon.POSTGRESQL, "config.queries.t"))
                .hasMessage("config.queries.t: '{{{x}}' at position 8 is not a variable reference; write {{name}} with a"
                        + " name of letters, digits and _, starting with a letter or _, at most 100 characters");
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT {{x", SqlLexicon.POSTGRESQL, "q"))
                .hasMessage("q: '{{' at position 8 is not closed with '}}'");
        assertThatThrownBy(() -> SqlTemplates.parse("SELECT {{ a b }}", SqlLexicon.POSTGRESQL, "q"))
                .hasMessageContaining("is not a variable reference");
        assertThatThrownBy(() -> pg("SELECT {{nope}}", Map.of())).hasMessage("q: unknown variable {{nope}}");
        assertThat(SqlTemplates.parse("SELECT {{ spaced_name }}", SqlLexicon.POSTGRESQL, "q").names())
                .containsExactly("spaced_name");
    }
}
