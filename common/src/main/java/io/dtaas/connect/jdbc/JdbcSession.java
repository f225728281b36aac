package io.dtaas.connect.jdbc;

import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Opens a connection per unit of work and turns driver failures into DTaaS errors. Messages carry the driver's
 * one-line text and what the caller sent; secrets never reach a place that echoes them, so nothing is masked
 * (masking the password inside a message would tell the caller when a guess was right).
 */
public final class JdbcSession {

    /** Work done on an open connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String label;
    private final Function<String, JdbcEndpoint> endpoints;

    /**
     * @param label     what the user calls this database in messages, e.g. "PostgreSQL at db:5432"
     * @param endpoints the endpoint for a database name (null: the connector's own database); refuses unknown names
     */
    public JdbcSession(String label, Function<String, JdbcEndpoint> endpoints) {
        this.label = label;
        this.endpoints = endpoints;
    }

    public <T> T withConnection(String database, Work<T> work) {
        JdbcEndpoint endpoint = endpoints.apply(database);
        Connection connection;
        try {
            connection = endpoint.open();
        } catch (SQLException e) {
            throw new TransientError("cannot connect to " + label + ": " + JdbcErrors.describe(e), null);
        }
        try (Connection c = connection) {
            return work.run(c);
        } catch (SQLException e) {
            throw new TransientError(label + " failed: " + JdbcErrors.describe(e), null);
        }
    }
}
