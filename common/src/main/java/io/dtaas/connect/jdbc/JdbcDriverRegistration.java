package io.dtaas.connect.jdbc;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Makes sure {@link DriverManager} holds a given JDBC driver. Its one-time discovery may have been shown pgjdbc alone
 * (the control-plane's metadata pool and the embedded database's start do that, to keep the other drivers' static
 * initialisation off the start-up), while libraries that connect by URL through DriverManager need theirs:
 * Debezium's MariaDB and Oracle connections, whose change captures call {@link #ensure} before the engine starts.
 * DTaaS's own connections never need it ({@link DirectDriver}).
 */
public final class JdbcDriverRegistration {

    private JdbcDriverRegistration() {
    }

    /** Registers {@code driver} unless DriverManager already holds a driver of its class; true when it did. */
    public static synchronized boolean ensure(Driver driver) {
        if (DriverManager.drivers().anyMatch(d -> d.getClass() == driver.getClass())) {
            return false;
        }
        try {
            DriverManager.registerDriver(driver);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register the JDBC driver " + driver.getClass().getName(), e);
        }
    }
}
