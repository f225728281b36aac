package io.dtaas.connect.sqlserver;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;

import java.sql.SQLException;

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
}
