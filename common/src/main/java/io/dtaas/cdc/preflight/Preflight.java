package io.dtaas.cdc.preflight;

import io.dtaas.connect.ConfigValues;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Runs the source type's change-capture pre-flight over a short JDBC connection of its own, before a stream
 * starts, so a misconfigured server fails the execution with the setting and the fix instead of a Debezium
 * stack trace.
 */
public final class Preflight {

    private Preflight() {
    }

    /**
     * @throws ConfigError    naming {@code source_connector_id} with every problem found
     * @throws TransientError when the source cannot be reached
     */
    public static PreflightReport check(String sourceType, ConfigValues source, String streamId, List<TableRef> tables) {
        try (Connection c = connect(sourceType, source)) {
            PreflightReport report = switch (sourceType) {
                case "postgresql" -> PostgresPreflight.evaluate(PostgresPreflight.read(c, streamId));
                case "mysql" -> MysqlPreflight.evaluate(MysqlPreflight.read(c));
                case "sql_server" -> SqlServerPreflight.evaluate(SqlServerPreflight.read(c), tables);
                case "oracle" -> OraclePreflight.evaluate(OraclePreflight.read(c));
                default -> new PreflightReport(List.of(), List.of());
            };
            report.requireOk("the " + sourceType + " source");
            return report;
        } catch (SQLException e) {
            throw new TransientError("change data capture pre-flight could not read the source settings: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the source still holds a stream's stored position: on PostgreSQL, whether its slot exists (a
     * binlog that was purged is only noticed by the stream itself).
     */
    public static boolean positionKept(String sourceType, ConfigValues source, String streamId) {
        if (!"postgresql".equals(sourceType)) {
            return true;
        }
        try (Connection c = connect(sourceType, source)) {
            return PostgresPreflight.read(c, streamId).ownSlotExists();
        } catch (SQLException e) {
            throw new TransientError("change data capture pre-flight could not read the source's slots: " + e.getMessage(), e);
        }
    }

    private static String encoded(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A JDBC connection to the source; the connectors' own URLs are not exposed, these match their settings. */
    public static Connection connect(String sourceType, ConfigValues source) throws SQLException {
        // user values never become URL options: names are URL-encoded, SQL Server's go in properties
        String host = io.dtaas.connect.jdbc.ServerFields.host(source);
        int port = source.integer("port");
        Properties p = new Properties();
        String url = switch (sourceType) {
            case "postgresql" -> "jdbc:postgresql://" + host + ":" + port + "/" + encoded(source.string("database"));
            case "mysql" -> "jdbc:mariadb://" + host + ":" + port + "/" + encoded(source.string("database")) + "?sslMode=disable";
            case "sql_server" -> {
                p.setProperty("databaseName", source.string("database"));
                p.setProperty("encrypt", "false");
                yield "jdbc:sqlserver://" + host + ":" + port;
            }
            case "oracle" -> "sid".equals(source.string("connection_type", "service_name"))
                    ? "jdbc:oracle:thin:@" + host + ":" + port + ":" + encoded(source.string("sid"))
                    : "jdbc:oracle:thin:@//" + host + ":" + port + "/" + encoded(source.string("service_name"));
            default -> throw new ConfigError("source_connector_id", "change data capture from " + sourceType
                    + " sources is not supported");
        };
        p.setProperty("user", source.string("username"));
        if (source.has("password")) {
            p.setProperty("password", source.secret("password").reveal());
        }
        // per-connection timeouts (DriverManager.setLoginTimeout would change every connection of the JVM)
        switch (sourceType) {
            case "postgresql" -> {
                p.setProperty("connectTimeout", "15");
                p.setProperty("loginTimeout", "15");
            }
            case "mysql" -> p.setProperty("connectTimeout", "15000");
            case "sql_server" -> p.setProperty("loginTimeout", "15");
            default -> p.setProperty("oracle.net.CONNECT_TIMEOUT", "15000");
        }
        return DriverManager.getConnection(url, p);
    }
}
