package io.dtaas.connect.jdbc;

import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.PreflightReport;
import io.dtaas.data.TableRef;
import io.dtaas.error.TransientError;
import io.dtaas.secret.Secret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Debezium settings every database source's change capture sets the same way: the login (from the connector's
 * checked config: Debezium builds its own JDBC URL from host and port), the tables, and a schema history file;
 * and the pre-flight's short connection.
 */
public final class CaptureSettings {

    private CaptureSettings() {
    }

    public static void connection(Properties p, String host, int port, String user, Secret password) {
        p.setProperty("database.hostname", host);
        p.setProperty("database.port", Integer.toString(port));
        p.setProperty("database.user", user);
        p.setProperty("database.password", password == null ? "" : password.reveal());
    }

    public static void tables(Properties p, CapturePlan plan) {
        p.setProperty("table.include.list", plan.tables().stream().map(TableRef::toString).collect(Collectors.joining(",")));
    }

    /** Binlog and transaction-log connectors keep the tables' schema history; the engine may move it to Redis. */
    public static void schemaHistoryFile(Properties p, CapturePlan plan) {
        p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        p.setProperty("schema.history.internal.file.filename", plan.history().toString());
    }

    /** What a pre-flight reads from its connection. */
    @FunctionalInterface
    public interface Check {
        PreflightReport read(Connection c) throws SQLException;
    }

    /**
     * Runs a pre-flight over a short connection of the connector's own endpoint.
     *
     * @throws TransientError when the source cannot be reached or read
     */
    public static PreflightReport preflight(JdbcEndpoint endpoint, Check check) {
        try (Connection c = endpoint.open()) {
            return check.read(c);
        } catch (SQLException e) {
            throw new TransientError("change data capture pre-flight could not read the source settings: "
                    + e.getMessage(), e);
        }
    }
}
