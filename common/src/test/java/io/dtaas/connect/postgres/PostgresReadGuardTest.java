package io.dtaas.connect.postgres;

import io.dtaas.connect.jdbc.LexicalSettings;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlStatementGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresReadGuardTest {

    private static String explained(String sql) {
        return PostgresReadGuard.explained(SqlStatementGuard.single(sql, SqlLexicon.POSTGRESQL,
                new LexicalSettings(false, true))).text();
    }

    @Test
    void explainChecksWhatItExplains() {
        assertThat(explained("EXPLAIN SELECT 1")).isEqualTo("SELECT 1");
        assertThat(explained("EXPLAIN (COSTS false, FORMAT json) (SELECT 1)")).isEqualTo("(SELECT 1)");
        assertThat(explained("explain verbose with x as (select 1) select * from x"))
                .isEqualTo("with x as (select 1) select * from x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXPLAIN ANALYZE SELECT 1", "EXPLAIN (ANALYZE) SELECT 1", "EXPLAIN (analyse true) SELECT 1",
            "EXPLAIN DELETE FROM victim", "EXPLAIN (COSTS) INSERT INTO t VALUES (1)"})
    void explainRefusesAnalyzeAndWrites(String sql) {
        assertThatThrownBy(() -> explained(sql)).hasMessageStartingWith("sql: EXPLAIN");
    }

    @Test
    void volatilityDecides() {
        assertThat(PostgresFunctionCheck.reason("pg_terminate_backend", "v", "pg_catalog", "internal")).isEqualTo("volatile");
        assertThat(PostgresFunctionCheck.reason("random", "v", "pg_catalog", "internal")).isNull();
        assertThat(PostgresFunctionCheck.reason("random", "v", "public", "c")).isEqualTo("volatile");
        assertThat(PostgresFunctionCheck.reason("now", "s", "pg_catalog", "internal")).isNull();
        assertThat(PostgresFunctionCheck.reason("f", "i", "public", "plpgsql")).contains("cannot be checked");
    }
}
