package io.dtaas.connect.mysql;

import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.jdbc.JdbcErrors;

import java.sql.SQLException;

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
}
