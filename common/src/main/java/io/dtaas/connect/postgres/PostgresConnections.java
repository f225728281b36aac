package io.dtaas.connect.postgres;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.jdbc.DirectDriver;
import io.dtaas.connect.jdbc.DriverOptions;
import io.dtaas.connect.jdbc.JdbcEndpoint;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The one place DTaaS builds PostgreSQL connections. The URL is the constant {@value #URL}: host, port and
 * database reach pgjdbc as the properties {@code PGHOST}, {@code PGPORT} and {@code PGDBNAME}, so no value ever
 * meets URL syntax (pgjdbc lets URL parameters override properties). The {@link #PINNED} options are applied last.
 */
public final class PostgresConnections {

    static final String URL = "jdbc:postgresql://";
    /** pgjdbc's driver, called directly, not through DriverManager (see {@link DirectDriver}). */
    private static final DirectDriver DRIVER = new DirectDriver(org.postgresql.Driver::new);

    /**
     * pgjdbc 42.7 options that load a class (socket and SSL factories, host name verifier, password callback,
     * authentication plugin, XML factory), read or write a local file (client certificate and key, root
     * certificate, logger file, pg_service.conf via {@code service}), set server options ({@code options}), or
     * bring in Kerberos/GSS. Forbidden whatever put them there. The password is always set (empty when the
     * connector has none) so that pgjdbc never looks one up in the DTaaS host's {@code ~/.pgpass}, and GSS
     * encryption is never tried.
     */
    static final DriverOptions PINNED = new DriverOptions(
            Map.of("gssEncMode", "disable"),
            Set.of("socketFactory", "socketFactoryArg", "sslfactory", "sslfactoryarg", "sslhostnameverifier",
                    "sslpasswordcallback", "sslcert", "sslkey", "sslrootcert", "sslpassword",
                    "authenticationPluginClassName", "xmlFactoryFactory", "loggerFile", "loggerLevel", "service",
                    "options", "localSocketAddress", "jaasApplicationName", "jaasLogin", "gsslib", "sspiServiceClass",
                    "kerberosServerName", "useSpnego", "gssUseDefaultCreds"));

    private PostgresConnections() {
    }

    /** A connection to the configured database (CDC pre-flight, clean-up): the same options as every other. */
    public static JdbcEndpoint configured(ConfigValues values, Duration timeout) {
        return endpoint(PostgresConfig.from(values), null, timeout);
    }

    /**
     * A walsender session on the configured database ({@code replication=database}), for creating a slot with an
     * exported snapshot: replication commands only, in the simple query protocol.
     */
    public static JdbcEndpoint replication(ConfigValues values) {
        PostgresConfig config = PostgresConfig.from(values);
        Properties p = properties(config, null, Duration.ofSeconds(30));
        p.setProperty("replication", "database");
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("assumeMinServerVersion", "10");
        p.setProperty("ApplicationName", "dtaas-handoff");
        return open(config, null, p);
    }

    /** @param database another database on the same server (checked against its catalog first), or null */
    static JdbcEndpoint endpoint(PostgresConfig config, String database, Duration timeout) {
        return open(config, database, properties(config, database, timeout));
    }

    /** The driver properties, pins applied; package-visible so tests can check them without connecting. */
    static Properties properties(PostgresConfig config, String database, Duration timeout) {
        Properties p = new Properties();
        p.setProperty("PGHOST", config.host());
        p.setProperty("PGPORT", Integer.toString(config.port()));
        p.setProperty("PGDBNAME", database == null ? config.database() : database);
        p.setProperty("user", config.username());
        p.setProperty("password", config.password() == null ? "" : config.password().reveal());
        p.setProperty("connectTimeout", seconds(timeout));
        p.setProperty("loginTimeout", seconds(timeout));
        p.setProperty("socketTimeout", Integer.toString(QueryLimits.MAX_TIMEOUT_SECONDS + 30));
        p.setProperty("sslmode", config.sslMode());
        p.setProperty("ApplicationName", "dtaas");
        // binary results from the first execution: faster to decode than text for numbers and timestamps
        p.setProperty("prepareThreshold", "-1");
        return PINNED.applyTo(p);
    }

    private static JdbcEndpoint open(PostgresConfig config, String database, Properties properties) {
        PINNED.applyTo(properties);
        String address = "postgresql://" + config.host() + ":" + config.port() + "/"
                + (database == null ? config.database() : database);
        // a copy per attempt: nothing a driver does to its argument can leak into the next connection
        return new JdbcEndpoint(address, () -> DRIVER.connect(URL, (Properties) properties.clone()));
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, d.toSeconds()));
    }
}
