package io.dtaas.connect.sqlserver;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;
import io.dtaas.connect.jdbc.JdbcFailures;

import java.sql.SQLException;
import java.util.Set;

/** SQL Server error numbers that mean something specific to the user. */
public final class SqlServerErrors extends JdbcErrors {

    @Override
    protected Failure vendorSpecific(SQLException e) {
        return switch (e.getErrorCode()) {
            case 18456, 18452, 18470 -> Failure.AUTHENTICATION; // login failed / untrusted domain / disabled
            case 4060 -> Failure.NOT_FOUND; // cannot open database
            case 229, 230, 262 -> Failure.PERMISSION;
            default -> "08S01".equals(e.getSQLState()) ? Failure.UNREACHABLE : null;
        };
    }

    /**
     * SQL Server failures worth retrying during a transfer: database unavailable during a failover or restart
     * (40613, 4060, 40197, 40501 busy), transport errors (10053, 10054 reset, 10060, 233 no process on the pipe,
     * 64), deadlock (1205), and SQLSTATE 08S01 (communication link failure, via the SQL-standard rule).
     */
    static boolean isTransient(SQLException e) {
        return JdbcFailures.isTransient(e) || TRANSIENT_CODES.contains(e.getErrorCode());
    }

    private static final Set<Integer> TRANSIENT_CODES = Set.of(40613, 4060, 40197, 40501, 49918, 49919, 49920,
            10053, 10054, 10060, 233, 64, 1205);
}
