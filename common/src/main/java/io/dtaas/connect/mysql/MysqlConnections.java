package io.dtaas.connect.mysql;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.Driver;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The one place DTaaS builds MySQL/MariaDB connections, through the MariaDB driver's typed {@link Configuration}
 * rather than a URL: only the checked host and port are parsed (the MariaDB driver lets URL parameters override
 * properties, and a database name is otherwise the URL's path). Every other setting is a typed builder call, and
 * the pinned options come last:
 * <ul>
 *   <li>{@code allowLocalInfile=false}: the driver's default is true, which lets any server (one the caller chose,
 *       or anyone in the middle) ask for a local file such as the master key during any query;</li>
 *   <li>{@code allowMultiQueries=false}: one statement per call, whatever the text holds;</li>
 *   <li>{@code permitRedirect=false}: a server cannot send the client, and its password, to another host;</li>
 *   <li>{@code createDatabaseIfNotExist=false}, and no socket factory, credential plugin, init SQL, session
 *       variables, key or trust store, local socket or pipe is ever set.</li>
 * </ul>
 * MySQL Connector/J's {@code allowLoadLocalInfileInPath} and {@code autoDeserialize} have no counterpart in the
 * MariaDB driver, and Connector/J is never used for customer connections.
 */
public final class MysqlConnections {

    private MysqlConnections() {
    }

    /** A connection to the configured database (CDC handoff and pre-flight): the same options as every other. */
    public static JdbcEndpoint configured(ConfigValues values, Duration timeout) {
        return endpoint(MysqlConfig.from(values), null, timeout);
    }

    /** @param database another database on the same server (checked against its catalog first), or null */
    static JdbcEndpoint endpoint(MysqlConfig config, String database, Duration timeout) {
        return endpoint(config, database, timeout, false);
    }

    /**
     * Connections for reading table chunks: prepared statements run on the server, so rows come in the binary result
     * protocol (numbers, dates and times as fixed-width values instead of text the driver parses again; the
     * server formats no text either). Same pins as every other connection.
     */
    static JdbcEndpoint chunkReadEndpoint(MysqlConfig config, Duration timeout) {
        return endpoint(config, null, timeout, true);
    }

    private static JdbcEndpoint endpoint(MysqlConfig config, String database, Duration timeout, boolean binaryResults) {
        String db = database == null ? config.database() : database;
        String address = "mariadb://" + config.host() + ":" + config.port() + "/" + db;
        return new JdbcEndpoint(address, () -> Driver.connect(configuration(config, db, timeout, binaryResults)));
    }

    /** The driver configuration, pins applied; package-visible so tests can check it without connecting. */
    static Configuration configuration(MysqlConfig config, String database, Duration timeout) throws SQLException {
        return configuration(config, database, timeout, false);
    }

    private static Configuration configuration(MysqlConfig config, String database, Duration timeout, boolean binaryResults)
            throws SQLException {
        // host (a checked host name or IP literal) and port (an int) are all the URL parser sees
        Configuration.Builder b = Configuration.parse("jdbc:mariadb://" + config.host() + ":" + config.port() + "/")
                .toBuilder()
                .database(database)
                .user(config.username())
                .password(config.password() == null ? null : config.password().reveal())
                .sslMode(config.sslMode())
                .connectTimeout((int) Math.max(1, timeout.toMillis()))
                .socketTimeout((QueryLimits.MAX_TIMEOUT_SECONDS + 30) * 1000)
                .allowPublicKeyRetrieval(true)
                .useServerPrepStmts(binaryResults);
        return pin(b).build();
    }

    private static Configuration.Builder pin(Configuration.Builder b) {
        return b.allowLocalInfile(false)
                .allowMultiQueries(false)
                .permitRedirect(false)
                .createDatabaseIfNotExist(false)
                .socketFactory(null)
                .credentialType(null)
                .initSql(null)
                .sessionVariables(null);
    }
}
