package io.dtaas.connect.oracle;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;

import java.sql.SQLException;

/** ORA- and driver error numbers that mean something specific to the user. */
public final class OracleErrors extends JdbcErrors {

    @Override
    protected Failure vendorSpecific(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1017, 28000, 28001 -> Failure.AUTHENTICATION; // bad credentials, locked, expired
            case 12505, 12514 -> Failure.NOT_FOUND; // listener does not know the SID / service
            case 12541, 12543, 17002, 17820 -> Failure.UNREACHABLE; // no listener, IO error
            case 12170 -> Failure.TIMEOUT;
            case 1031, 1045 -> Failure.PERMISSION;
            default -> null;
        };
    }
}
