package io.dtaas.controlplane.notification;

import io.dtaas.error.SystemError;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The recorded deliveries: claiming due ones (with a lease, so two control-planes never send one twice), outcomes. */
@ApplicationScoped
public class DeliveryStore {

    /** A claimed delivery with what is needed to send it. */
    record Due(long id, long channelId, String kind, String payload, int attempts, String channelType,
               String sealedEndpoint) {
    }

    private final DataSource metadata;

    public DeliveryStore(DataSource metadata) {
        this.metadata = metadata;
    }

    /**
     * Claims up to {@code limit} due deliveries: counts the attempt and moves next_attempt_at past {@code lease}
     * in one statement, so a sender that dies mid-send leaves the delivery to be retried after the lease.
     */
    List<Due> claim(int limit, Duration lease) {
        String sql = "WITH due AS (SELECT id FROM notification_deliveries WHERE status = 'pending'"
                + " AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE notification_deliveries d SET attempts = d.attempts + 1,"
                + " next_attempt_at = now() + make_interval(secs => ?)"
                + " FROM due, notification_channels c WHERE d.id = due.id AND c.id = d.channel_id"
                + " RETURNING d.id, d.channel_id, d.kind, d.payload, d.attempts, c.channel_type, c.secret_config";
        List<Due> due = new ArrayList<>();
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new SystemError("cannot claim notification deliveries", e);
        }
    }

    void delivered(long id, int status) {
        update("UPDATE notification_deliveries SET status = 'delivered', delivered_at = now(), last_status = ?,"
                + " last_error = NULL WHERE id = ?", status, id);
    }

    /** Records a failed attempt: retried at {@code retryAt}, or given up when it is empty. */
    void failed(long id, Integer status, String error, Optional<Instant> retryAt) {
        if (retryAt.isPresent()) {
            update("UPDATE notification_deliveries SET last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    status, error, Timestamp.from(retryAt.get()), id);
        } else {
            update("UPDATE notification_deliveries SET status = 'failed', last_status = ?, last_error = ? WHERE id = ?",
                    status, error, id);
        }
    }

    public List<DeliveryView> list(Long alertId, Long channelId) {
        String sql = "SELECT id, alert_id, event, channel_id, kind, status, attempts, last_status, last_error,"
                + " next_attempt_at, delivered_at, created_at FROM notification_deliveries"
                + " WHERE (?::bigint IS NULL OR alert_id = ?) AND (?::bigint IS NULL OR channel_id = ?)"
                + " ORDER BY id DESC LIMIT 500";
        List<DeliveryView> views = new ArrayList<>();
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, alertId);
            ps.setObject(2, alertId);
            ps.setObject(3, channelId);
            ps.setObject(4, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp delivered = rs.getTimestamp(11);
                    views.add(new DeliveryView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), (Integer) rs.getObject(8),
                            rs.getString(9), rs.getTimestamp(10).toInstant(),
                            delivered == null ? null : delivered.toInstant(), rs.getTimestamp(12).toInstant()));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new SystemError("cannot read notification deliveries", e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot record a notification delivery", e);
        }
    }
}
