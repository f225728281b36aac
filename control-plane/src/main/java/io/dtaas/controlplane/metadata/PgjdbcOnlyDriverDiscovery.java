package io.dtaas.controlplane.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import javax.sql.DataSource;

/**
 * A context class loader under which a JDBC driver discovery finds pgjdbc alone. Two discoveries run at every start,
 * each instantiating every driver on the class path (Oracle's registers MBeans, Snowflake's runs a heavy static init):
 * {@link java.sql.DriverManager}'s first use, by zonky's readiness check on the embedded database's start thread, and
 * Quarkus' Agroal, which walks the {@link java.util.ServiceLoader} of drivers on the context loader when it creates
 * the metadata pool, on the main thread. Both only need pgjdbc; under this loader ({@link #firstConnection} for the
 * pool, the start thread's context loader for zonky) the others stay untouched. DTaaS's connectors never depend on
 * a discovery (they call their driver directly: {@link io.dtaas.connect.jdbc.DirectDriver}); what else may reach
 * other drivers through DriverManager (Debezium's Oracle and MariaDB connections) gets them registered first
 * ({@link io.dtaas.connect.jdbc.JdbcDriverRegistration}). Every other class and resource comes from the parent.
 */
final class PgjdbcOnlyDriverDiscovery extends ClassLoader {

    static final String DRIVER_SERVICES = "META-INF/services/java.sql.Driver";

    PgjdbcOnlyDriverDiscovery(ClassLoader parent) {
        super(parent);
    }

    /** Opens and closes the pool's first connection (creating the pool) with this loader as the context loader. */
    static void firstConnection(DataSource pool) {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(new PgjdbcOnlyDriverDiscovery(context));
        try (Connection ignored = pool.getConnection()) {
            // the pool exists now, its discovery done
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the metadata database: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!DRIVER_SERVICES.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(all)) {
            if (namesOnly(url, org.postgresql.Driver.class.getName())) {
                kept.add(url);
            }
        }
        return Collections.enumeration(kept);
    }

    /** Whether the service file lists {@code driver} and nothing else (comments and blank lines aside). */
    private static boolean namesOnly(URL serviceFile, String driver) throws IOException {
        try (InputStream in = serviceFile.openStream()) {
            List<String> names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .toList();
            return names.equals(List.of(driver));
        }
    }
}
