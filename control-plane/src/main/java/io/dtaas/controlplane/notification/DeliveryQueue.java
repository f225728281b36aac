package io.dtaas.controlplane.notification;

import io.dtaas.error.SystemError;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Records an event's deliveries, one per channel whose rules take its kind, in the caller's transaction (so an
 * alert and its notifications are stored together or not at all). The (alert, event, channel) key keeps each
 * event from reaching a channel twice; {@link DeliveryWorker} sends them.
 */
@ApplicationScoped
public class DeliveryQueue {

    public int enqueue(Connection c, AlertEvent event) throws SQLException {
        String channels = "SELECT id, channel_type FROM notification_channels"
                + " WHERE rules IS NULL OR rules @> jsonb_build_array(?::text) ORDER BY id";
        String insert = "INSERT INTO notification_deliveries (alert_id, event, channel_id, kind, payload)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        int queued = 0;
        try (PreparedStatement select = c.prepareStatement(channels); PreparedStatement ps = c.prepareStatement(insert)) {
            select.setString(1, event.kind().wire());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ChannelType type = ChannelType.fromWire(rs.getString(2))
                            .orElseThrow(() -> new SystemError("unknown stored channel type", null));
                    ps.setLong(1, event.alertId());
                    ps.setString(2, event.state());
                    ps.setLong(3, rs.getLong(1));
                    ps.setString(4, event.kind().wire());
                    ps.setString(5, NotificationBody.of(type, event));
                    queued += ps.executeUpdate();
                }
            }
        }
        return queued;
    }
}
