package io.dtaas.connect.postgres;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;

import java.sql.SQLException;

/** PostgreSQL SQLSTATEs that mean something specific to the user. */
public final class PostgresErrors extends JdbcErrors {

    @Override
    protected Failure vendorSpecific(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "28P01", "28000" -> Failure.AUTHENTICATION;
            case "3D000" -> Failure.NOT_FOUND; // database does not exist
            case "42501" -> Failure.PERMISSION;
            case "08001", "08004", "08006" -> connectionFailure(e);
            default -> null;
        };
    }

    private Failure connectionFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return Failure.TIMEOUT;
            }
        }
        return Failure.UNREACHABLE;
    }
}
