package io.dtaas.connect.jdbc;

import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A change stream's signal table on a database source (issue 16): Debezium reads the rows written to it from the
 * log, in order with the data changes, and writes its incremental-snapshot watermarks into it. DTaaS writes an
 * {@code execute-snapshot} row there to copy one table online. The layout is Debezium's (id, type, data).
 */
public final class SignalTables {

    private SignalTables() {
    }

    /** Creates the table when absent, over a short connection of the connector's own endpoint. */
    public static void create(JdbcEndpoint endpoint, JdbcDialect dialect, TableRef table) {
        String sql = "CREATE TABLE IF NOT EXISTS " + dialect.qualify(table.schema(), table.name()) + " ("
                + dialect.quote("id") + " varchar(64) PRIMARY KEY, " + dialect.quote("type") + " varchar(32) NOT NULL, "
                + dialect.quote("data") + " varchar(4096))";
        try (Connection c = endpoint.open(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new ConfigError("source_connector_id", "cannot create the stream's signal table " + table
                    + " (needed to copy single tables online; the role must be allowed to create it): " + e.getMessage());
        }
    }

    /** Writes one signal row (committed at once): the stream acts on it when it reads it from the log. */
    public static void send(JdbcEndpoint endpoint, JdbcDialect dialect, TableRef table, String id, String type,
                            String data) {
        String sql = "INSERT INTO " + dialect.qualify(table.schema(), table.name()) + " (" + dialect.quote("id") + ", "
                + dialect.quote("type") + ", " + dialect.quote("data") + ") VALUES (?, ?, ?)";
        try (Connection c = endpoint.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, type);
            ps.setString(3, data);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new TransientError("cannot write a signal to " + table + ": " + e.getMessage(), e);
        }
    }
}
