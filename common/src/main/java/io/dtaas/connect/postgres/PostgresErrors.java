package io.dtaas.connect.postgres;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;
import io.dtaas.connect.jdbc.JdbcFailures;

import java.sql.SQLException;
import java.util.Set;

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

    /**
     * PostgreSQL failures worth retrying during a transfer: the server shutting down or starting (57P01 admin
     * shutdown, 57P02 crash shutdown, 57P03 cannot connect now), deadlock (40P01), too many connections (53300),
     * and a unique violation (23505): a chunk write deletes its own key range before inserting it, so a duplicate
     * can only come from a concurrent writer of that range (a worker that lost its table and committed late) and
     * the retry, deleting the range again, succeeds; real duplicates in the source fail again on every retry.
     */
    static boolean isTransient(SQLException e) {
        return JdbcFailures.isTransient(e) || TRANSIENT_STATES.contains(e.getSQLState());
    }

    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "40P01", "53300", "23505");
}
