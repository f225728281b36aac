package io.dtaas.connect.jdbc;

import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlStatementGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select * from t;",
            "  -- comment\n WITH x AS (SELECT 1) SELECT * FROM x ;  -- trailing",
            "SELECT ';' AS semi, \"a;b\" FROM t",
            "SELECT $$;$$, $tag$ ; $tag$",
            "(SELECT 1) UNION (SELECT 2)",
            "SELECT 'it''s; fine'",
            "SHOW TABLES",
            "/* lead */ SELECT `x;y` FROM t"})
    void admitsSingleReadingStatements(String sql) {
        assertThat(SqlStatementGuard.requireSingleReadStatement(sql)).doesNotEndWith(";");
    }

    @Test
    void refusesASecondStatement() {
        assertThatThrownBy(() -> SqlStatementGuard.requireSingleReadStatement("SELECT 1; DROP TABLE users"))
                .isInstanceOf(ConfigError.class)
                .hasMessage("sql: only one statement is allowed; found more after the ';' at position 9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM t", "insert into t values (1)", "DROP TABLE t", "UPDATE t SET a=1",
            "CALL p()", "COPY t TO '/tmp/x'"})
    void refusesWritingStatements(String sql) {
        assertThatThrownBy(() -> SqlStatementGuard.requireSingleReadStatement(sql))
                .isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("sql: only a single read-only statement is allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * INTO new_table FROM t", "select a from t into outfile '/tmp/x'",
            "SELECT 1 INTO @v"})
    void refusesSelectInto(String sql) {
        assertThatThrownBy(() -> SqlStatementGuard.requireSingleReadStatement(sql))
                .isInstanceOf(ConfigError.class).hasMessageContaining("SELECT ... INTO writes data");
    }

    @Test
    void admitsIntoInsideQuotesAndLongerWords() {
        assertThat(SqlStatementGuard.requireSingleReadStatement("SELECT 'into', \"into\", intox FROM t"))
                .startsWith("SELECT");
    }

    @Test
    void reportsUnterminatedQuotesWithTheirPosition() {
        assertThatThrownBy(() -> SqlStatementGuard.requireSingleReadStatement("SELECT 'abc"))
                .hasMessage("sql: unterminated quote starting at position 8");
    }

    @Test
    void requiresText() {
        assertThatThrownBy(() -> SqlStatementGuard.requireSingleReadStatement("  "))
                .hasMessage("sql: is required");
    }
}
