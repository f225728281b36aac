package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.notification.AlertEvent;
import io.dtaas.controlplane.notification.DeliveryQueue;
import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.error.SystemError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens and resolves alerts, each with its notifications in the same transaction. The partial unique index
 * (one open alert per task and kind) makes opening idempotent even with several control-planes checking at once,
 * and only the one that resolves an alert announces it.
 */
@ApplicationScoped
public class AlertStore {

    private static final int MAX_TEXT = 2000;

    private final DataSource metadata;
    private final DeliveryQueue deliveries;

    public AlertStore(DataSource metadata, DeliveryQueue deliveries) {
        this.metadata = metadata;
        this.deliveries = deliveries;
    }

    /** Opens the alert unless one of this kind is open for the task; @return whether it opened one */
    @Transactional
    public boolean open(long taskId, NotificationKind kind, Instant since, String message, String action) {
        String sql = "INSERT INTO alerts (task_id, kind, message, action, since) SELECT id, ?, ?, ?, ? FROM tasks"
                + " WHERE id = ? ON CONFLICT (task_id, kind) WHERE resolved_at IS NULL DO NOTHING"
                + " RETURNING id, (SELECT name FROM tasks WHERE id = alerts.task_id)";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, kind.wire());
            ps.setString(2, clip(message));
            ps.setString(3, clip(action));
            ps.setTimestamp(4, Timestamp.from(since));
            ps.setLong(5, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                deliveries.enqueue(c, new AlertEvent(rs.getLong(1), kind, taskId, rs.getString(2), AlertEvent.OPENED,
                        since, clip(message), clip(action)));
                return true;
            }
        } catch (SQLException e) {
            throw new SystemError("cannot open an alert for task " + taskId, e);
        }
    }

    /**
     * Resolves the task's open alert of {@code kind}, if any, announcing it as {@code announcedAs} with
     * {@code message}; @return whether one was resolved here
     */
    @Transactional
    public boolean resolve(long taskId, NotificationKind kind, NotificationKind announcedAs, String message) {
        String sql = "UPDATE alerts SET resolved_at = now() WHERE task_id = ? AND kind = ? AND resolved_at IS NULL"
                + " RETURNING id, since, (SELECT name FROM tasks WHERE id = alerts.task_id)";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, kind.wire());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                deliveries.enqueue(c, new AlertEvent(rs.getLong(1), announcedAs, taskId, rs.getString(3),
                        AlertEvent.RESOLVED, rs.getTimestamp(2).toInstant(), clip(message), "No action needed."));
                return true;
            }
        } catch (SQLException e) {
            throw new SystemError("cannot resolve an alert of task " + taskId, e);
        }
    }

    /** Alerts newest first, at most 500; {@code open} null for both states, {@code taskId} null for every task. */
    public List<AlertView> list(Boolean open, Long taskId) {
        String sql = "SELECT a.id, a.task_id, t.name, a.kind, a.since, a.message, a.action, a.resolved_at, a.created_at"
                + " FROM alerts a JOIN tasks t ON t.id = a.task_id"
                + " WHERE (?::boolean IS NULL OR (a.resolved_at IS NULL) = ?) AND (?::bigint IS NULL OR a.task_id = ?)"
                + " ORDER BY a.id DESC LIMIT 500";
        List<AlertView> views = new ArrayList<>();
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, open);
            ps.setObject(2, open);
            ps.setObject(3, taskId);
            ps.setObject(4, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(8);
                    views.add(new AlertView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            resolved == null ? "open" : "resolved", rs.getTimestamp(5).toInstant(), rs.getString(6),
                            rs.getString(7), resolved == null ? null : resolved.toInstant(),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new SystemError("cannot read alerts", e);
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
