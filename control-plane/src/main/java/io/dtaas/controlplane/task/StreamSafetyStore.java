package io.dtaas.controlplane.task;

import io.dtaas.connect.RetainedLog;
import io.dtaas.error.SystemError;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the task views show about a stream's safety: the retained-log measurement, the resync mark and the count of
 * open alerts. Written by the periodic retention check and by resyncs; plain SQL on the metadata database.
 */
@ApplicationScoped
public class StreamSafetyStore {

    /** One task's safety facts for its view. */
    public record Safety(SourceRetention retention, ResyncRequired resync, int openAlerts) {
        public static final Safety NONE = new Safety(null, null, 0);
    }

    private static final String SAFETY = "SELECT t.id, r.position_exists, r.retained_bytes, r.wal_status, r.safe_wal_size,"
            + " r.measured_at, t.resync_reason, t.resync_marked_at,"
            + " (SELECT count(*) FROM alerts a WHERE a.task_id = t.id AND a.resolved_at IS NULL),"
            + " r.oldest_needed_file, r.purge_in_seconds"
            + " FROM tasks t LEFT JOIN source_retention r ON r.task_id = t.id WHERE (?::bigint IS NULL OR t.id = ?)";

    private final DataSource metadata;

    public StreamSafetyStore(DataSource metadata) {
        this.metadata = metadata;
    }

    public void save(long taskId, RetainedLog log, Instant measuredAt) {
        String sql = "INSERT INTO source_retention (task_id, position_exists, retained_bytes, wal_status, safe_wal_size,"
                + " oldest_needed_file, purge_in_seconds, measured_at) SELECT id, ?, ?, ?, ?, ?, ?, ? FROM tasks"
                + " WHERE id = ? ON CONFLICT (task_id) DO UPDATE SET"
                + " position_exists = EXCLUDED.position_exists, retained_bytes = EXCLUDED.retained_bytes,"
                + " wal_status = EXCLUDED.wal_status, safe_wal_size = EXCLUDED.safe_wal_size,"
                + " oldest_needed_file = EXCLUDED.oldest_needed_file, purge_in_seconds = EXCLUDED.purge_in_seconds,"
                + " measured_at = EXCLUDED.measured_at";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBoolean(1, log.positionExists());
            ps.setObject(2, log.retainedBytes());
            ps.setString(3, log.walStatus());
            ps.setObject(4, log.safeWalSizeBytes());
            ps.setString(5, log.oldestNeededFile());
            ps.setObject(6, log.purgeInSeconds());
            ps.setTimestamp(7, Timestamp.from(measuredAt));
            ps.setLong(8, taskId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot store the retained log of task " + taskId, e);
        }
    }

    /** Marks the task to resync at its next start; @return false when it already was (the first reason stays). */
    public boolean markResync(long taskId, String reason) {
        String sql = "UPDATE tasks SET resync_reason = ?, resync_marked_at = now() WHERE id = ? AND resync_reason IS NULL";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, reason);
            ps.setLong(2, taskId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new SystemError("cannot mark task " + taskId + " for resync", e);
        }
    }

    /** Clears the mark once the task was resynced; @return the reason it had, if it was marked. */
    public Optional<String> clearResync(long taskId) {
        String sql = "UPDATE tasks t SET resync_reason = NULL, resync_marked_at = NULL FROM tasks old"
                + " WHERE t.id = old.id AND t.id = ? AND old.resync_reason IS NOT NULL RETURNING old.resync_reason";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SystemError("cannot clear the resync mark of task " + taskId, e);
        }
    }

    public boolean resyncMarked(long taskId) {
        return of(taskId).resync() != null;
    }

    public Safety of(long taskId) {
        return read(taskId).getOrDefault(taskId, Safety.NONE);
    }

    public Map<Long, Safety> byTask() {
        return read(null);
    }

    private Map<Long, Safety> read(Long taskId) {
        Map<Long, Safety> found = new HashMap<>();
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(SAFETY)) {
            ps.setObject(1, taskId);
            ps.setObject(2, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp measured = rs.getTimestamp(6);
                    SourceRetention retention = measured == null ? null : new SourceRetention(rs.getBoolean(2),
                            rs.getObject(3, Long.class), rs.getString(4), rs.getObject(5, Long.class), rs.getString(10),
                            rs.getObject(11, Long.class), measured.toInstant());
                    String reason = rs.getString(7);
                    ResyncRequired resync = reason == null ? null
                            : new ResyncRequired(reason, rs.getTimestamp(8).toInstant());
                    found.put(rs.getLong(1), new Safety(retention, resync, rs.getInt(9)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new SystemError("cannot read the tasks' stream safety", e);
        }
    }
}
