package io.dtaas.connect.mysql;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;
import io.dtaas.connect.jdbc.JdbcFailures;

import java.sql.SQLException;
import java.util.Set;

/** MySQL/MariaDB error numbers that mean something specific to the user. */
public final class MysqlErrors extends JdbcErrors {

    @Override
    protected Failure vendorSpecific(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1045, 1698 -> Failure.AUTHENTICATION; // access denied
            case 1049 -> Failure.NOT_FOUND; // unknown database
            case 1044, 1142, 1227 -> Failure.PERMISSION;
            default -> null;
        };
    }

    /**
     * MySQL/MariaDB failures worth retrying during a transfer: server shutdown in progress (1053), server gone away
     * or connection lost (2006, 2013), cannot connect (2002, 2003), too many connections (1040), connection killed
     * (1927, MariaDB), lock wait timeout and deadlock (1205, 1213), SQLSTATE 08S01 (communication link failure), and
     * a duplicate key (1062), for the reason {@code PostgresErrors} gives for 23505.
     */
    static boolean isTransient(SQLException e) {
        return JdbcFailures.isTransient(e) || TRANSIENT_CODES.contains(e.getErrorCode());
    }

    private static final Set<Integer> TRANSIENT_CODES = Set.of(1053, 2006, 2013, 2002, 2003, 1040, 1927, 1205, 1213, 1062);
}
