package io.dtaas.connect.postgres;

import io.dtaas.connect.CaptureCleanup;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.LostPosition;
import io.dtaas.connect.PreflightReport;
import io.dtaas.connect.RetainedLog;
import io.dtaas.connect.SnapshotHandoff;
import io.dtaas.connect.Source;
import io.dtaas.connect.StreamOffset;
import io.dtaas.connect.jdbc.CaptureSettings;
import io.dtaas.connect.jdbc.JdbcSource;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * PostgreSQL change capture: Debezium's connector on {@code pgoutput}, with a slot and a publication named after
 * the stream; the handoff creates the slot with an exported snapshot that every loader reads in.
 */
final class PostgresChangeCapture implements ChangeCapture {

    static final String RETAINED_SQL = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
            + " FROM pg_replication_slots WHERE slot_name = ?";
    /** The slot's state (wal_status and safe_wal_size exist from PostgreSQL 13 on, the supported minimum). */
    static final String SLOT_SQL = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint, wal_status,"
            + " safe_wal_size FROM pg_replication_slots WHERE slot_name = ?";
    static final String HEARTBEAT_SQL = "SELECT pg_logical_emit_message(true, 'dtaas_heartbeat', '')";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public void configure(Properties p, ConfigValues source, CapturePlan plan) {
        PostgresConfig config = PostgresConfig.from(source);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        CaptureSettings.connection(p, config.host(), config.port(), config.username(), config.password());
        p.setProperty("database.dbname", config.database());
        // the connector's own TLS setting, as for every other connection it makes
        p.setProperty("database.sslmode", config.sslMode());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", plan.streamId());
        p.setProperty("publication.name", plan.streamId());
        p.setProperty("publication.autocreate.mode", "filtered");
        // with every heartbeat, a tiny transaction of the task's own in its database: pgoutput sends it (a logical
        // message), so the stream confirms a newer position even while its tables are quiet and other tables or
        // databases write WAL; without it the slot would hold that WAL (docs/cdc.md, "Retained log")
        p.setProperty("heartbeat.action.query", HEARTBEAT_SQL);
        CaptureSettings.tables(p, plan);
    }

    @Override
    public PreflightReport preflight(ConfigValues source, String streamId, List<TableRef> tables) {
        return CaptureSettings.preflight(PostgresConnections.configured(source, CONNECT_TIMEOUT),
                c -> PostgresPreflight.evaluate(PostgresPreflight.read(c, streamId)));
    }

    @Override
    public Optional<String> storedPositionLost(ConfigValues source, long taskId, String streamId) {
        try (Connection c = PostgresConnections.configured(source, CONNECT_TIMEOUT).open()) {
            return PostgresPreflight.read(c, streamId).ownSlotExists() ? Optional.empty()
                    : Optional.of(LostPosition.slotDropped(taskId, streamId));
        } catch (SQLException e) {
            throw new TransientError("change data capture could not read the source's slots: " + e.getMessage(), e);
        }
    }

    @Override
    public Long retainedBytes(ConfigValues source, String streamId) {
        try (Connection c = PostgresConnections.configured(source, CONNECT_TIMEOUT).open();
             PreparedStatement st = c.prepareStatement(RETAINED_SQL)) {
            st.setString(1, streamId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? (Long) rs.getObject(1, Long.class) : null;
            }
        } catch (SQLException e) {
            return null; // a metric, not a failure: the stream itself reports an unreachable source
        }
    }

    @Override
    public Optional<RetainedLog> retainedLog(ConfigValues source, String streamId) {
        try (Connection c = PostgresConnections.configured(source, CONNECT_TIMEOUT).open();
             PreparedStatement st = c.prepareStatement(SLOT_SQL)) {
            st.setString(1, streamId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of(RetainedLog.NO_POSITION);
                }
                return Optional.of(new RetainedLog(true, rs.getObject(1, Long.class), rs.getString(2),
                        rs.getObject(3, Long.class)));
            }
        } catch (SQLException e) {
            throw new TransientError("cannot read the replication slot " + streamId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> currentPosition(ConfigValues source) {
        try (Connection c = PostgresConnections.configured(source, CONNECT_TIMEOUT).open();
             PreparedStatement st = c.prepareStatement("SELECT pg_current_wal_lsn()::text");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new TransientError("cannot read the source's WAL position: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Boolean> appliedUpTo(ConfigValues source, String streamId, String position,
                                         java.util.function.Supplier<List<io.dtaas.connect.StreamOffset>> committed) {
        try (Connection c = PostgresConnections.configured(source, CONNECT_TIMEOUT).open();
             PreparedStatement st = c.prepareStatement("SELECT confirmed_flush_lsn >= ?::pg_lsn"
                     + " FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, position);
            st.setString(2, streamId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new TransientError("cannot read the stream's confirmed position: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> lostPosition(Throwable error, long taskId, String streamId) {
        boolean gone = LostPosition.saidBy(error, "no longer available on the server")
                || LostPosition.saidBy(error, "replication slot") && LostPosition.saidBy(error, "does not exist");
        if (LostPosition.saidBy(error, "has been invalidated", "can no longer get changes from replication slot")) {
            return Optional.of(LostPosition.slotInvalidated(taskId, streamId));
        }
        return gone ? Optional.of(LostPosition.slotDropped(taskId, streamId)) : Optional.empty();
    }

    @Override
    public boolean handsOverLoads() {
        return true;
    }

    @Override
    public SnapshotHandoff beginHandoff(ConfigValues source, String streamId, List<TableRef> tables, Source reader) {
        if (!(reader instanceof JdbcSource jdbc) || !jdbc.supportsReadView()) {
            throw new ConfigError("source_connector_id", "this source cannot read in an exported snapshot");
        }
        PostgresSlot slot = PostgresSlot.create(source, streamId, tables);
        jdbc.pinReadView(slot.snapshot());
        return new SnapshotHandoff() {
            @Override
            public Optional<StreamOffset> loaded() {
                return Optional.empty(); // the slot holds every change after the snapshot
            }

            @Override
            public void close() {
                jdbc.pinReadView(null);
                slot.close();
            }
        };
    }

    @Override
    public boolean copiesTablesOnline() {
        return true;
    }

    @Override
    public void prepareSignalTable(ConfigValues source, TableRef table) {
        io.dtaas.connect.jdbc.SignalTables.create(PostgresConnections.configured(source, CONNECT_TIMEOUT), DIALECT, table);
    }

    @Override
    public void signal(ConfigValues source, TableRef table, String id, String type, String data) {
        io.dtaas.connect.jdbc.SignalTables.send(PostgresConnections.configured(source, CONNECT_TIMEOUT), DIALECT, table,
                id, type, data);
    }

    /** An existing publication is set to exactly the tables (a table added to a running task is published from now). */
    @Override
    public void follow(ConfigValues source, String streamId, List<TableRef> tables) {
        try (Connection c = PostgresConnections.configured(source, CONNECT_TIMEOUT).open()) {
            PostgresSlot.setPublicationTables(c, streamId, tables);
        } catch (SQLException e) {
            throw new TransientError("cannot update the publication " + streamId + ": " + e.getMessage(), e);
        }
    }

    private static final PostgresDialect DIALECT = new PostgresDialect();

    @Override
    public CaptureCleanup cleanUp(ConfigValues source, String streamId) {
        List<String> dropped = new ArrayList<>();
        List<String> left = new ArrayList<>();
        try (Connection c = PostgresConnections.configured(source, CONNECT_TIMEOUT).open()) {
            Boolean active = slotActive(c, streamId);
            // a walsender lets go of the slot a moment after its stream stopped
            for (int i = 0; i < 50 && Boolean.TRUE.equals(active); i++) {
                Thread.sleep(100);
                active = slotActive(c, streamId);
            }
            if (Boolean.TRUE.equals(active)) {
                left.add("SELECT pg_drop_replication_slot('" + streamId + "') (the slot is in use)");
            } else if (active != null) {
                try (PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    drop.setString(1, streamId);
                    drop.execute();
                }
                dropped.add("replication slot " + streamId);
            }
            if (PostgresSlot.dropPublication(c, streamId)) {
                dropped.add("publication " + streamId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CaptureCleanup(dropped, manualCleanup(streamId));
        } catch (SQLException | RuntimeException e) {
            return new CaptureCleanup(dropped, manualCleanup(streamId));
        }
        return new CaptureCleanup(dropped, left);
    }

    @Override
    public List<String> manualCleanup(String streamId) {
        return List.of("SELECT pg_drop_replication_slot('" + streamId + "')", "DROP PUBLICATION IF EXISTS " + streamId);
    }

    /** Whether the slot is in use, or null when there is no such slot. */
    private static Boolean slotActive(Connection c, String slot) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }
}
