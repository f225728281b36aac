package io.dtaas.connect.jdbc;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Makes sure {@link DriverManager} holds every JDBC driver on the class path. Its one-time discovery may have been
 * shown pgjdbc alone (the standalone launcher's embedded database start does that to keep the other drivers' static
 * initialisation off the start-up), while libraries that connect by URL through DriverManager (Debezium's Oracle and
 * MariaDB connections) need theirs: a change stream calls {@link #ensureAll()} before its engine starts. DTaaS's own
 * connections never need it ({@link DirectDriver}).
 */
public final class JdbcDriverRegistration {

    private static volatile boolean done;

    private JdbcDriverRegistration() {
    }

    /** Registers the class path's drivers DriverManager does not hold yet; cheap after the first call. */
    public static void ensureAll() {
        if (done) {
            return;
        }
        synchronized (JdbcDriverRegistration.class) {
            if (!done) {
                registerMissing(JdbcDriverRegistration.class.getClassLoader());
                done = true;
            }
        }
    }

    /** Returns how many drivers it added; a driver that cannot be loaded is skipped, as DriverManager skips it. */
    static int registerMissing(ClassLoader loader) {
        int added = 0;
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
        while (true) {
            Driver driver;
            try {
                if (!drivers.hasNext()) {
                    return added;
                }
                driver = drivers.next(); // most drivers register themselves in their static init here
            } catch (ServiceConfigurationError e) {
                continue;
            }
            if (DriverManager.drivers().noneMatch(d -> d.getClass() == driver.getClass())) {
                try {
                    DriverManager.registerDriver(driver);
                    added++;
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot register the JDBC driver " + driver.getClass().getName(), e);
                }
            }
        }
    }
}
