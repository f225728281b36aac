package io.dtaas.cdc.preflight;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.jdbc.JdbcConnector;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.time.Duration;

/**
 * Runs the source type's change-capture pre-flight over a short JDBC connection of its own, before a stream
 * starts, so a misconfigured server fails the execution with the setting and the fix instead of a Debezium
 * stack trace.
 */
public final class Preflight {

    private static final ConnectorRegistry CONNECTORS = ConnectorRegistry.standard();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private Preflight() {
    }

    /**
     * @throws ConfigError    naming {@code source_connector_id} with every problem found
     * @throws TransientError when the source cannot be reached
     */
    public static PreflightReport check(String sourceType, ConfigValues source, String streamId, List<TableRef> tables) {
        PreflightReport report = report(sourceType, source, streamId, tables);
        report.requireOk("the " + sourceType + " source");
        return report;
    }

    /**
     * The problems a task's save can show before any stream exists (its own slot is not there yet), empty when
     * the source is ready; a source type without change capture says so.
     *
     * @throws TransientError when the source cannot be reached
     */
    public static List<String> problems(String sourceType, ConfigValues source, List<TableRef> tables) {
        if (!(CONNECTORS.find(sourceType).orElse(null) instanceof JdbcConnector)) {
            return List.of("change data capture from " + sourceType + " sources is not supported");
        }
        return report(sourceType, source, "dtaas_preflight_new", tables).problems();
    }

    private static PreflightReport report(String sourceType, ConfigValues source, String streamId, List<TableRef> tables) {
        try (Connection c = connect(sourceType, source)) {
            return switch (sourceType) {
                case "postgresql" -> PostgresPreflight.evaluate(PostgresPreflight.read(c, streamId));
                case "mysql" -> MysqlPreflight.evaluate(MysqlPreflight.read(c));
                case "sql_server" -> SqlServerPreflight.evaluate(SqlServerPreflight.read(c), tables);
                case "oracle" -> OraclePreflight.evaluate(OraclePreflight.read(c));
                default -> new PreflightReport(List.of(), List.of());
            };
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

    /** A JDBC connection to the source, built by its connector with the same checked parts and pinned options. */
    public static Connection connect(String sourceType, ConfigValues source) throws SQLException {
        if (CONNECTORS.find(sourceType).orElse(null) instanceof JdbcConnector jdbc) {
            return jdbc.configuredEndpoint(source, CONNECT_TIMEOUT).open();
        }
        throw new ConfigError("source_connector_id", "change data capture from " + sourceType
                + " sources is not supported");
    }
}
