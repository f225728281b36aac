package io.dtaas.connect.jdbc;

import io.dtaas.connect.mysql.MysqlDialect;
import io.dtaas.connect.oracle.OracleDialect;
import io.dtaas.connect.postgres.PostgresDialect;
import io.dtaas.connect.snowflake.SnowflakeDialect;
import io.dtaas.connect.sqlserver.SqlServerDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generated SQL per dialect; SQL Server, Oracle and Snowflake are verified at this level only (no live servers). */
class DialectTest {

    private static final String NASTY = "x\"; drop table y; --";

    @Test
    void postgresDoublesDoubleQuotes() {
        PostgresDialect d = new PostgresDialect();
        assertThat(d.quote(NASTY)).isEqualTo("\"x\"\"; drop table y; --\"");
        assertThat(d.previewSql(d.qualify("My Schema", "select"), 5))
                .isEqualTo("SELECT * FROM \"My Schema\".\"select\" LIMIT 5");
        assertThat(d.readOnlyStatements(7)).containsExactly("SET TRANSACTION READ ONLY", "SET LOCAL statement_timeout = 7000");
    }

    @Test
    void mysqlDoublesBackticks() {
        MysqlDialect d = new MysqlDialect();
        assertThat(d.quote("a`b")).isEqualTo("`a``b`");
        assertThat(d.previewSql(d.qualify("shop", "order"), 10)).isEqualTo("SELECT * FROM `shop`.`order` LIMIT 10");
        assertThat(d.schemasAreCatalogs()).isTrue();
    }

    @Test
    void sqlServerBracketsAndTop() {
        SqlServerDialect d = new SqlServerDialect();
        assertThat(d.quote("a]b[c")).isEqualTo("[a]]b[c]");
        assertThat(d.previewSql(d.qualify("dbo", "Order Details"), 100))
                .isEqualTo("SELECT TOP (100) * FROM [dbo].[Order Details]");
        assertThat(d.isSystemSchema("sys")).isTrue();
        assertThat(d.rowEstimatesSql()).get().asString().contains("sys.partitions").contains("WHERE s.name = ?");
    }

    @Test
    void oracleFetchFirstAndReadOnlyTransaction() {
        OracleDialect d = new OracleDialect();
        assertThat(d.previewSql(d.qualify("HR", "EMPLOYEES"), 3))
                .isEqualTo("SELECT * FROM \"HR\".\"EMPLOYEES\" FETCH FIRST 3 ROWS ONLY");
        assertThat(d.readOnlyStatements(30)).containsExactly("SET TRANSACTION READ ONLY");
        assertThat(d.databasesSql()).isEmpty();
    }

    @Test
    void snowflakeLimitsStatementTime() {
        SnowflakeDialect d = new SnowflakeDialect();
        assertThat(d.previewSql(d.qualify("PUBLIC", "orders"), 50)).isEqualTo("SELECT * FROM \"PUBLIC\".\"orders\" LIMIT 50");
        assertThat(d.readOnlyStatements(12)).containsExactly("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 12");
    }

    @Test
    void emptyOrNulIdentifiersAreRefused() {
        assertThatThrownBy(() -> new PostgresDialect().quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresDialect().quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
