package io.dtaas.controlplane.task;

import io.dtaas.connect.RetainedLog;
import io.dtaas.error.ConfigError;
import io.dtaas.error.SystemError;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every retained-log measurement of a task over the last {@code dtaas.alerts.retention-history} (default 7 days),
 * for the dashboard's chart ({@code GET /api/tasks/{id}/retention}). Written by the periodic check, which also
 * prunes it, so the table stays bounded by tasks × window / interval rows.
 */
@ApplicationScoped
public class RetentionHistory {

    /** At most this many points per answer, the newest: a week of the default 30 s interval. */
    static final int MAX_POINTS = 20_160;

    private final DataSource metadata;
    private final Duration window;

    public RetentionHistory(DataSource metadata,
                            @ConfigProperty(name = "dtaas.alerts.retention-history", defaultValue = "168h") Duration window) {
        this.metadata = metadata;
        this.window = window;
    }

    public void record(long taskId, RetainedLog log, Instant measuredAt) {
        String sql = "INSERT INTO retention_history (task_id, measured_at, position_exists, retained_bytes, safe_wal_size,"
                + " purge_in_seconds) SELECT id, ?, ?, ?, ?, ? FROM tasks WHERE id = ? ON CONFLICT DO NOTHING";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(measuredAt));
            ps.setBoolean(2, log.positionExists());
            ps.setObject(3, log.retainedBytes());
            ps.setObject(4, log.safeWalSizeBytes());
            ps.setObject(5, log.purgeInSeconds());
            ps.setLong(6, taskId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot record the retained log of task " + taskId, e);
        }
    }

    /** Forgets measurements older than the window; @return how many went. */
    public int prune(Instant now) {
        try (Connection c = metadata.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM retention_history WHERE measured_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now.minus(window)));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot prune the retention history", e);
        }
    }

    /**
     * The task's measurements at or after {@code since} (ISO-8601 with an offset; the whole window when absent),
     * oldest first, at most {@link #MAX_POINTS} of the newest.
     *
     * @throws ConfigError naming {@code since} when it is not a timestamp
     */
    public List<RetentionPoint> since(long taskId, String since) {
        Instant from = parse(since);
        String sql = "SELECT measured_at, position_exists, retained_bytes, safe_wal_size, purge_in_seconds FROM"
                + " (SELECT * FROM retention_history WHERE task_id = ? AND measured_at >= ?"
                + " ORDER BY measured_at DESC LIMIT ?) newest ORDER BY measured_at";
        List<RetentionPoint> points = new ArrayList<>();
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setInt(3, MAX_POINTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.add(new RetentionPoint(rs.getTimestamp(1).toInstant(), rs.getBoolean(2),
                            rs.getObject(3, Long.class), rs.getObject(4, Long.class), rs.getObject(5, Long.class)));
                }
            }
            return points;
        } catch (SQLException e) {
            throw new SystemError("cannot read the retention history of task " + taskId, e);
        }
    }

    private Instant parse(String since) {
        if (since == null || since.isBlank()) {
            return Instant.now().minus(window);
        }
        Instant from;
        try {
            from = OffsetDateTime.parse(since.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConfigError("since", "must be an ISO-8601 timestamp with an offset, e.g. 2026-12-04T10:00:00Z");
        }
        // Java reads years PostgreSQL's timestamptz cannot hold: refuse them here rather than fail in the query
        if (from.isBefore(Instant.EPOCH) || from.isAfter(LATEST)) {
            throw new ConfigError("since", "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return from;
    }

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
}
