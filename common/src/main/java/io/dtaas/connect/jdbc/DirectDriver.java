package io.dtaas.connect.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * One JDBC driver called directly, never through {@link java.sql.DriverManager}: DriverManager's first use
 * instantiates every driver on the class path (Oracle's registers MBeans, Snowflake's runs a heavy static init), and
 * the control-plane makes that first use see only pgjdbc (its metadata pool's creation, the embedded database's
 * start: {@code PgjdbcOnlyDriverDiscovery}), so a driver that DriverManager was never shown must be reached this way.
 * The driver is made at the first connection, so a connector nobody uses costs nothing.
 */
public final class DirectDriver {

    private final Supplier<Driver> factory;
    private volatile Driver driver;

    /** @param factory makes the driver, e.g. {@code oracle.jdbc.OracleDriver::new} */
    public DirectDriver(Supplier<Driver> factory) {
        this.factory = factory;
    }

    /** Opens a connection as {@code DriverManager.getConnection(url, properties)} would with this driver alone. */
    public Connection connect(String url, Properties properties) throws SQLException {
        Driver d = driver;
        if (d == null) {
            d = factory.get();
            driver = d;
        }
        Connection c = d.connect(url, properties);
        if (c == null) { // the driver does not take this URL: what DriverManager would say
            throw new SQLException("No suitable driver found for " + url, "08001");
        }
        return c;
    }
}
