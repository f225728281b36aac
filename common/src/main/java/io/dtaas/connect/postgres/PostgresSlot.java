package io.dtaas.connect.postgres;

import io.dtaas.connect.ConfigValues;
import io.dtaas.data.TableRef;
import io.dtaas.error.SystemError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The start of a PostgreSQL change stream fixed before a full load: the publication of the task's tables, then
 * a fresh logical slot created over a replication connection with an exported snapshot. The slot keeps every
 * change committed after that snapshot; loaders that read in the snapshot ({@code SET TRANSACTION SNAPSHOT})
 * see exactly everything before it. The snapshot stays importable only while this object is open.
 */
final class PostgresSlot implements AutoCloseable {

    private final Connection replication;
    private final String snapshot;

    private PostgresSlot(Connection replication, String snapshot) {
        this.replication = replication;
        this.snapshot = snapshot;
    }

    /**
     * Drops an earlier slot and publication of this stream (an unfinished handoff is redone from scratch),
     * creates the publication, then the slot with its exported snapshot.
     */
    static PostgresSlot create(ConfigValues source, String name, List<TableRef> tables) {
        try (Connection c = PostgresConnections.configured(source, Duration.ofSeconds(30)).open()) {
            drop(c, name);
            // before the slot: pgoutput reads the publication when it decodes, at the change's own position
            try (Statement st = c.createStatement()) {
                st.execute("CREATE PUBLICATION " + quote(name) + " FOR TABLE " + tables.stream()
                        .map(t -> quote(t.schema()) + "." + quote(t.name())).collect(Collectors.joining(", ")));
            }
        } catch (SQLException e) {
            throw new SystemError("cannot prepare the publication " + name + ": " + e.getMessage(), e);
        }
        Connection replication = null;
        try {
            replication = PostgresConnections.replication(source).open();
            try (Statement st = replication.createStatement();
                 ResultSet rs = st.executeQuery("CREATE_REPLICATION_SLOT " + quote(name) + " LOGICAL pgoutput EXPORT_SNAPSHOT")) {
                rs.next();
                return new PostgresSlot(replication, rs.getString("snapshot_name"));
            }
        } catch (SQLException e) {
            closeQuietly(replication);
            throw new SystemError("cannot create the replication slot " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the stream's slot (when no one uses it) and publication, if they exist. */
    static void drop(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
        dropPublication(c, name);
    }

    /** Drops the stream's publication; whether there was one. */
    static boolean dropPublication(Connection c, String name) throws SQLException {
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        if (exists) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP PUBLICATION IF EXISTS " + quote(name));
            }
        }
        return exists;
    }

    /** Sets an existing publication to exactly these tables; nothing when there is none yet (the stream creates it). */
    static void setPublicationTables(Connection c, String name, List<TableRef> tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER PUBLICATION " + quote(name) + " SET TABLE " + tables.stream()
                    .map(t -> quote(t.schema()) + "." + quote(t.name())).collect(Collectors.joining(", ")));
        }
    }

    /** The exported snapshot's id for {@code SET TRANSACTION SNAPSHOT}. */
    String snapshot() {
        return snapshot;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    /** Ends the exporting session: the snapshot can no longer be imported; the slot stays. */
    @Override
    public void close() {
        closeQuietly(replication);
    }
}
