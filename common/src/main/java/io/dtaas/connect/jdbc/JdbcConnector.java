package io.dtaas.connect.jdbc;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.catalog.CatalogBrowser;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What every JDBC connector shares: a connection test and the catalog browser. A connector package supplies
 * its endpoint (URL, properties, timeouts), dialect and error codes.
 */
public abstract class JdbcConnector implements Connector {

    private final ConnectorType type;
    private final JdbcDialect dialect;
    private final JdbcErrors errors;

    protected JdbcConnector(ConnectorType type, JdbcDialect dialect, JdbcErrors errors) {
        this.type = type;
        this.dialect = dialect;
        this.errors = errors;
    }

    @Override
    public ConnectorType type() {
        return type;
    }

    /** How this database quotes names and writes literals (used to render {@code {{variables}}} into SQL). */
    public JdbcDialect dialect() {
        return dialect;
    }

    /**
     * @param database another database on the same server, or null for the configured one
     * @param timeout  how long connecting and each network read may take
     */
    protected abstract JdbcEndpoint endpoint(ConfigValues config, String database, Duration timeout);

    /** How messages name this server, e.g. "PostgreSQL at db.example.com:5432". */
    protected abstract String label(ConfigValues config);

    /** Timeout for browser connections: generous enough for slow catalogs, bounded for dead hosts. */
    protected Duration browserTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public void validate(ConfigValues config) {
        endpoint(config, null, browserTimeout());
    }

    @Override
    public CheckResult check(ConfigValues config, Duration timeout) {
        JdbcEndpoint endpoint = endpoint(config, null, timeout);
        long started = System.nanoTime();
        try (Connection c = endpoint.open()) {
            DatabaseMetaData meta = c.getMetaData();
            String version = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            long latency = elapsedMs(started);
            return CheckResult.ok("Connected to " + label(config), version, latency);
        } catch (SQLException e) {
            String message = JdbcSession.scrub(JdbcErrors.describe(e), endpoint);
            return CheckResult.failed(errors.classify(e), message, elapsedMs(started));
        }
    }

    @Override
    public CatalogBrowser browser(ConfigValues config) {
        return jdbcBrowser(config);
    }

    protected JdbcCatalogBrowser jdbcBrowser(ConfigValues config) {
        JdbcSession session = new JdbcSession(label(config), db -> endpoint(config, db, browserTimeout()));
        return new JdbcCatalogBrowser(session, dialect);
    }

    /** Endpoint for transfers: the configured database, with the browser's timeouts. */
    protected java.util.function.Supplier<JdbcEndpoint> transferEndpoint(ConfigValues config) {
        validate(config);
        return () -> endpoint(config, null, browserTimeout());
    }

    protected static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Seconds for drivers that take whole seconds, never 0 (which often means "no limit"). */
    protected static String seconds(Duration d) {
        return Long.toString(Math.max(1, d.toSeconds()));
    }

    protected static String millis(Duration d) {
        return Long.toString(Math.max(1, d.toMillis()));
    }
}
