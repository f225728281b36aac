package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.LexicalSettings;
import io.dtaas.connect.jdbc.ReadStatement;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlStatementGuard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlReadGuardTest {

    private static ReadStatement statement(String sql) {
        return SqlStatementGuard.single(sql, SqlLexicon.MYSQL, new LexicalSettings(true, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT LOAD_FILE('/etc/passwd')", "SELECT get_lock('a', 1)", "SELECT RELEASE_LOCK ('a')",
            "SELECT NEXTVAL(s)", "SELECT BENCHMARK(1000000, MD5('a'))", "SELECT MASTER_POS_WAIT('f', 4)",
            "SELECT sec.fn(1)", "SELECT `sec`.`fn`(1)", "SELECT @a := 1", "SELECT 1 FROM t WHERE (@a := 2) > 1"})
    void refusesSideEffects(String sql) {
        assertThatThrownBy(() -> MysqlReadGuard.checkLexically(statement(sql))).hasMessageStartingWith("sql: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT REPLACE(name, 'a', 'b'), INSERT(name, 1, 2, 'x') FROM t",
            "SELECT COUNT(*) FROM t WHERE id IN (1, 2)", "SELECT 'LOAD_FILE(x)', `get_lock` FROM t", "SELECT SLEEP(0)",
            "SELECT @a = 1"})
    void admitsPlainReads(String sql) {
        assertThatCode(() -> MysqlReadGuard.checkLexically(statement(sql))).doesNotThrowAnyException();
    }
}
