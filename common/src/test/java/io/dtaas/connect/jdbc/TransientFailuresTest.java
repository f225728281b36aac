package io.dtaas.connect.jdbc;

import io.dtaas.connect.mysql.MysqlDialect;
import io.dtaas.connect.oracle.OracleDialect;
import io.dtaas.connect.postgres.PostgresDialect;
import io.dtaas.connect.sqlserver.SqlServerDialect;
import io.dtaas.error.DataError;
import io.dtaas.error.TransientError;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Each connector's dialect sorts its database's failures: restarts and lost connections retry, the rest does not. */
class TransientFailuresTest {

    private static SQLException state(String sqlState) {
        return new SQLException("x", sqlState);
    }

    private static SQLException code(int vendorCode) {
        return new SQLException("x", "HY000", vendorCode);
    }

    @Test
    void postgresShutdownsRestartsAndConnectionLossAreTransient() {
        PostgresDialect pg = new PostgresDialect();
        for (String s : new String[]{"57P01", "57P02", "57P03", "08006", "08001", "08003", "40001", "40P01", "53300"}) {
            assertThat(pg.isTransient(state(s))).as(s).isTrue();
        }
        for (String s : new String[]{"28P01", "28000", "22P02", "42P01", "23502"}) {
            assertThat(pg.isTransient(state(s))).as(s).isFalse();
        }
        // an I/O error under a driver exception without a SQLSTATE: connection reset, end of stream
        assertThat(pg.isTransient(new SQLException("io", null, new SocketException("Connection reset")))).isTrue();
        assertThat(pg.isTransient(new SQLException("io", null, new EOFException()))).isTrue();
        assertThat(JdbcFailures.wrap(pg, state("57P03"), "writing t chunk 1/2")).isInstanceOf(TransientError.class)
                .hasMessageStartingWith("writing t chunk 1/2: ");
        assertThat(JdbcFailures.wrap(pg, state("22P02"), "writing")).isInstanceOf(DataError.class);
    }

    @Test
    void mariaDbServerGoneAndShutdownAreTransient() {
        MysqlDialect my = new MysqlDialect();
        for (int c : new int[]{1053, 2006, 2013, 1927, 1205, 1213, 1040}) {
            assertThat(my.isTransient(code(c))).as("%d", c).isTrue();
        }
        assertThat(my.isTransient(new SQLNonTransientConnectionException("gone", "08S01", 0))).isTrue();
        assertThat(my.isTransient(code(1064))).isFalse(); // syntax
        assertThat(my.isTransient(code(1366))).isFalse(); // incorrect value
        assertThat(my.isTransient(new SQLException("denied", "28000", 1045))).isFalse();
    }

    @Test
    void sqlServerFailoverAndTransportErrorsAreTransient() {
        SqlServerDialect ms = new SqlServerDialect();
        for (int c : new int[]{40613, 4060, 10054, 233, 40197, 1205}) {
            assertThat(ms.isTransient(code(c))).as("%d", c).isTrue();
        }
        assertThat(ms.isTransient(state("08S01"))).isTrue();
        assertThat(ms.isTransient(code(245))).isFalse(); // conversion failed
        assertThat(ms.isTransient(new SQLException("login failed", "28000", 18456))).isFalse();
    }

    @Test
    void oracleShutdownAndLostChannelAreTransient() {
        OracleDialect ora = new OracleDialect();
        for (int c : new int[]{1089, 3113, 3114, 12514, 12541, 1033, 17002}) {
            assertThat(ora.isTransient(code(c))).as("ORA-%05d", c).isTrue();
        }
        assertThat(ora.isTransient(code(1722))).isFalse(); // invalid number
        assertThat(ora.isTransient(code(1017))).isFalse(); // bad credentials
    }
}
