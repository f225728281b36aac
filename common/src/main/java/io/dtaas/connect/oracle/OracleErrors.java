package io.dtaas.connect.oracle;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;
import io.dtaas.connect.jdbc.JdbcFailures;

import java.sql.SQLException;
import java.util.Set;

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

    /**
     * Oracle failures worth retrying during a transfer: shutdown or startup in progress (ORA-01089, 01033, 01034),
     * end-of-file on the communication channel and not connected (03113, 03114, 03135), the listener not (yet)
     * knowing the service or not running (12514, 12541, 12528, 12537), deadlock (00060), and the driver's I/O error
     * and closed connection (17002, 17008).
     */
    static boolean isTransient(SQLException e) {
        return JdbcFailures.isTransient(e) || TRANSIENT_CODES.contains(e.getErrorCode());
    }

    private static final Set<Integer> TRANSIENT_CODES = Set.of(1089, 1033, 1034, 3113, 3114, 3135, 12514, 12541,
            12528, 12537, 60, 17002, 17008);
}
