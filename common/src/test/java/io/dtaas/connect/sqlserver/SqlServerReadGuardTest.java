package io.dtaas.connect.sqlserver;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlServerReadGuardTest {

    private final SqlServerReadGuard guard = new SqlServerReadGuard();

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1 DELETE FROM victim", "SELECT 1\nGO\nDELETE FROM victim",
            "SELECT * FROM OPENROWSET(BULK 'c:\\x', SINGLE_CLOB) AS x", "SELECT 1; EXEC xp_cmdshell 'dir'",
            "SELECT 1 EXEC('x')", "WITH x AS (SELECT 1 AS a) UPDATE x SET a = 2", "SELECT 1 WAITFOR DELAY '0:0:5'",
            "SELECT * INTO new_t FROM t", "SELECT 'a\\'; DELETE FROM victim; --'", "SELECT [a]; DROP TABLE t"})
    void refusesWritesAndSecondStatements(String sql) {
        assertThatThrownBy(() -> guard.admit(null, sql)).hasMessageStartingWith("sql: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT TOP 10 [name], N'x;y' FROM [dbo].[t] WITH (NOLOCK)",
            "WITH c AS (SELECT 1 AS a) SELECT a FROM c;", "SELECT '[delete]', [update] FROM t /* ; /* nested */ */"})
    void admitsReads(String sql) throws Exception {
        assertThat(guard.admit(null, sql).keyword()).isIn("SELECT", "WITH");
    }
}
