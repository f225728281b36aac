package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.error.SystemError;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * lag_threshold and retention_threshold, from the metrics each stream stores on its execution (lag_seconds,
 * position_gap_bytes): opened while a running stream is over {@code dtaas.alerts.lag-seconds} /
 * {@code dtaas.alerts.retained-bytes}, resolved when it is back under. A lag alert also resolves when the stream
 * stops (no lag to speak of); a retention alert stays open until a running stream reports it under the limit,
 * since a stopped task's slot keeps retaining WAL.
 */
@ApplicationScoped
public class StreamThresholdAlerts {

    private static final String LATEST = "SELECT DISTINCT ON (task_id) task_id, id, status,"
            + " (cdc_metrics->>'lag_seconds')::float8, (cdc_metrics->>'position_gap_bytes')::float8,"
            + " EXISTS (SELECT 1 FROM alerts a WHERE a.task_id = e.task_id AND a.kind = 'lag_threshold'"
            + " AND a.resolved_at IS NULL)"
            + " FROM executions e WHERE cdc_metrics IS NOT NULL ORDER BY task_id, id DESC";

    private final DataSource metadata;
    private final AlertStore alerts;
    private final double lagSeconds;
    private final long retainedBytes;

    public StreamThresholdAlerts(DataSource metadata, AlertStore alerts,
                                 @ConfigProperty(name = "dtaas.alerts.lag-seconds", defaultValue = "300") double lagSeconds,
                                 @ConfigProperty(name = "dtaas.alerts.retained-bytes", defaultValue = "1G") MemorySize retainedBytes) {
        this.metadata = metadata;
        this.alerts = alerts;
        this.lagSeconds = lagSeconds;
        this.retainedBytes = retainedBytes.asLongValue();
    }

    public void check() {
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(LATEST);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long task = rs.getLong(1);
                long execution = rs.getLong(2);
                boolean running = "running".equals(rs.getString(3));
                Double lag = (Double) rs.getObject(4);
                Double gap = (Double) rs.getObject(5);
                if (running || rs.getBoolean(6)) { // a stopped stream matters only to close its lag alert
                    lag(task, execution, running, lag);
                }
                retention(task, execution, running, gap);
            }
        } catch (SQLException e) {
            throw new SystemError("cannot check stream metrics against thresholds", e);
        }
    }

    private void lag(long task, long execution, boolean running, Double lag) {
        if (running && known(lag) && lag > lagSeconds) {
            alerts.open(task, NotificationKind.LAG_THRESHOLD, Instant.now(), String.format(
                    "Change stream lag is %.0f s (execution %d), above the %.0f s threshold.", lag, execution, lagSeconds),
                    "Check the destination's write speed and the load on the worker running the task; this alert"
                            + " resolves when the lag falls back under the threshold.");
        } else if (!running || known(lag)) {
            alerts.resolve(task, NotificationKind.LAG_THRESHOLD, NotificationKind.LAG_THRESHOLD, running
                    ? String.format("Change stream lag is back to %.0f s (execution %d).", lag, execution)
                    : "The change stream stopped (execution " + execution + "); lag no longer applies.");
        }
    }

    private void retention(long task, long execution, boolean running, Double gap) {
        if (!running || !known(gap)) {
            return; // a task that does not run: RetentionChecks measures its slot
        }
        if (gap > retainedBytes) {
            alerts.open(task, NotificationKind.RETENTION_THRESHOLD, Instant.now(), String.format(
                    "The source retains %d bytes of WAL for this task's replication slot (execution %d), above the %d"
                            + " bytes threshold.", gap.longValue(), execution, retainedBytes),
                    "Make sure the task's stream runs and keeps up with the source; if the task is no longer needed,"
                            + " delete it so its replication slot is dropped and the source frees the WAL.");
        } else {
            alerts.resolve(task, NotificationKind.RETENTION_THRESHOLD, NotificationKind.RETENTION_THRESHOLD,
                    String.format("Retained WAL is back to %d bytes (execution %d).", gap.longValue(), execution));
        }
    }

    private static boolean known(Double value) {
        return value != null && !value.isNaN() && !value.isInfinite();
    }
}
