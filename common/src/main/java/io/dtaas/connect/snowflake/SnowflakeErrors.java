package io.dtaas.connect.snowflake;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;

import java.sql.SQLException;

/** Snowflake error numbers that mean something specific to the user. */
public final class SnowflakeErrors extends JdbcErrors {

    @Override
    protected Failure vendorSpecific(SQLException e) {
        return switch (e.getErrorCode()) {
            case 390100, 390144, 390318, 394304 -> Failure.AUTHENTICATION; // bad password, bad JWT, locked
            case 390201, 2043 -> Failure.NOT_FOUND; // database / object does not exist
            case 3001, 2003 -> Failure.PERMISSION;
            default -> null;
        };
    }
}
