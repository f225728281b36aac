package io.dtaas.connect.jdbc;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.error.ConfigError;
import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What every JDBC connector shares: a connection test and the catalog browser. A connector package supplies
 * its endpoint (built in its one {@code <Db>Connections} class), dialect and error codes.
 */
public abstract class JdbcConnector implements Connector {

    /** The request field that names another database on the connector's server (browser, query console). */
    public static final String DATABASE_FIELD = "database";

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
     * @param database another database on the same server, already found in its catalog, or null for the
     *                 configured one
     * @param timeout  how long connecting and each network read may take
     */
    protected abstract JdbcEndpoint endpoint(ConfigValues config, String database, Duration timeout);

    /** How messages name this server, e.g. "PostgreSQL at db.example.com:5432". */
    protected abstract String label(ConfigValues config);

    /** Whether a connection can be pointed at another database of the server (Oracle's reaches one service). */
    protected boolean switchesDatabases() {
        return true;
    }

    /** Timeout for browser connections: generous enough for slow catalogs, bounded for dead hosts. */
    protected Duration browserTimeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * The configured database's endpoint for the rest of DTaaS (change capture's pre-flight and clean-up), with the
     * same checked parts and pinned driver options as every connection this connector opens.
     */
    public final JdbcEndpoint configuredEndpoint(ConfigValues config, Duration timeout) {
        return endpoint(config, null, timeout);
    }

    @Override
    public void validate(ConfigValues config) {
        endpoint(config, null, browserTimeout());
    }

    /**
     * A failed test answers the driver's own one-line message. It holds what the caller sent (host, user,
     * database) and never the password: no secret is given to a driver where it could echo it, and messages are
     * not masked by searching for the secret (a masked echo would confirm a guess).
     */
    @Override
    public CheckResult check(ConfigValues config, Duration timeout) {
        JdbcEndpoint endpoint = endpoint(config, null, timeout);
        long started = System.nanoTime();
        try (Connection c = endpoint.open()) {
            DatabaseMetaData meta = c.getMetaData();
            String version = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            long latency = elapsedMs(started);
            return CheckResult.ok("Connected to " + label(config), version, latency).withWarnings(privileges(c));
        } catch (SQLException e) {
            return CheckResult.failed(errors.classify(e), JdbcErrors.describe(e), elapsedMs(started));
        }
    }

    /** What the role can do beyond reading; a server that will not tell is no reason to fail the test. */
    private List<String> privileges(Connection c) {
        try {
            return dialect.privilegeWarnings(c);
        } catch (SQLException notTold) {
            return List.of();
        }
    }

    @Override
    public CatalogBrowser browser(ConfigValues config) {
        return jdbcBrowser(config);
    }

    protected JdbcCatalogBrowser jdbcBrowser(ConfigValues config) {
        JdbcSession session = new JdbcSession(label(config),
                db -> endpoint(config, db == null ? null : knownDatabase(config, db), browserTimeout()));
        return new JdbcCatalogBrowser(session, dialect);
    }

    /**
     * A database named at request time ({@code ?database=}, a query's {@code database}), as the server's own
     * catalog spells it, listed over the connector's configured connection first: an unknown name never reaches a
     * driver. Null for the configured database itself, and on servers whose connections cannot switch databases.
     *
     * @throws ConfigError naming {@value #DATABASE_FIELD} when the server has no such database
     */
    private String knownDatabase(ConfigValues config, String wanted) {
        if (!switchesDatabases() || config.type().field(DATABASE_FIELD).isPresent()
                && wanted.equals(config.string(DATABASE_FIELD))) {
            return null;
        }
        if (wanted.isEmpty() || wanted.length() > ServerFields.MAX_NAME || wanted.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigError(DATABASE_FIELD, "must be the name of a database on the server (1 to "
                    + ServerFields.MAX_NAME + " characters, no control characters)");
        }
        List<String> names;
        try (Connection c = endpoint(config, null, browserTimeout()).open()) {
            names = DatabaseNames.list(c, dialect);
        } catch (SQLException e) {
            throw new TransientError("cannot connect to " + label(config) + ": " + JdbcErrors.describe(e), null);
        }
        return names.stream().filter(wanted::equals).findFirst().orElseThrow(() -> new ConfigError(DATABASE_FIELD,
                "no database named '" + wanted + "' on " + label(config) + "; GET /api/connectors/{id}/databases lists them"));
    }

    /** Endpoint for transfers: the configured database, with the browser's timeouts. */
    protected java.util.function.Supplier<JdbcEndpoint> transferEndpoint(ConfigValues config) {
        validate(config);
        return () -> endpoint(config, null, browserTimeout());
    }

    protected static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
