package io.dtaas.connect.oracle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OracleReadGuardTest {

    private final OracleReadGuard guard = new OracleReadGuard();

    @ParameterizedTest
    @ValueSource(strings = {"WITH FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END; SELECT f FROM dual",
            "BEGIN DELETE FROM victim; END;", "SELECT 1 FROM dual; DELETE FROM victim",
            "SELECT q'[x]' FROM dual; DELETE FROM victim", "SELECT * FROM t FOR UPDATE", "SELECT a INTO b FROM t",
            "SELECT 1 FROM dual /* /* */ ; DELETE FROM victim */"})
    void refusesWritesAndSecondStatements(String sql) {
        assertThatThrownBy(() -> guard.admit(null, sql)).hasMessageStartingWith("sql: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT q'[it's; fine]' FROM dual;", "WITH x AS (SELECT 1 a FROM dual) SELECT a FROM x",
            "SELECT 'a\\' FROM dual"})
    void admitsReads(String sql) throws Exception {
        assertThat(guard.admit(null, sql).text()).doesNotEndWith(";");
    }
}
