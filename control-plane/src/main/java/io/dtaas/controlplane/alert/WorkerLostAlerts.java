package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.controlplane.cluster.ClusterStreams;
import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.error.SystemError;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * worker_lost (distributed mode): a worker holds a lease of an execution under way (table_leases) but its heartbeat
 * key ({@code <prefix>worker:<id>}, renewed every beat, expiring one lease after the last) is gone: the worker died or
 * lost Redis. Another worker reclaims its jobs after the lease; the alert resolves once no lease of the task's
 * executions under way is held by a lost worker (reclaimed, or the execution ended).
 */
@ApplicationScoped
public class WorkerLostAlerts {

    private static final String HELD = "SELECT l.task_id, l.execution_id, l.worker_id, min(l.table_name), count(*)"
            + " FROM table_leases l JOIN executions e ON e.id = l.execution_id"
            + " WHERE e.status IN ('queued', 'running', 'stopping') GROUP BY l.task_id, l.execution_id, l.worker_id"
            + " ORDER BY l.task_id, l.execution_id";
    private static final String OPEN = "SELECT task_id FROM alerts WHERE kind = 'worker_lost' AND resolved_at IS NULL";

    private final DataSource metadata;
    private final ClusterMode mode;
    private final ClusterStreams cluster;
    private final AlertStore alerts;

    public WorkerLostAlerts(DataSource metadata, ClusterMode mode, ClusterStreams cluster, AlertStore alerts) {
        this.metadata = metadata;
        this.mode = mode;
        this.cluster = cluster;
        this.alerts = alerts;
    }

    private record Lost(long executionId, String workerId, String table, long tables) {
    }

    public void check() {
        if (!mode.distributed()) {
            return;
        }
        Map<Long, Lost> lost = new LinkedHashMap<>();
        Map<Long, Boolean> open = new HashMap<>();
        try (Connection c = metadata.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(HELD); ResultSet rs = ps.executeQuery()) {
                Map<String, Boolean> alive = new HashMap<>();
                while (rs.next()) {
                    String worker = rs.getString(3);
                    boolean beating = alive.computeIfAbsent(worker,
                            w -> cluster.redis().key().exists(mode.keys().workerAlive(w)));
                    if (!beating) {
                        lost.putIfAbsent(rs.getLong(1), new Lost(rs.getLong(2), worker, rs.getString(4), rs.getLong(5)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(OPEN); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.put(rs.getLong(1), true);
                }
            }
        } catch (SQLException e) {
            throw new SystemError("cannot read the leases of executions under way", e);
        }
        lost.forEach((task, l) -> alerts.open(task, NotificationKind.WORKER_LOST, Instant.now(), "Worker " + l.workerId()
                        + " stopped heartbeating while it held execution " + l.executionId() + " (" + l.tables()
                        + (l.tables() == 1 ? " table: " : " tables, e.g. ") + l.table() + ").",
                "Check the worker's host and its connection to Redis; another worker takes its jobs over after the"
                        + " lease and resumes from the last checkpoint, which resolves this alert. If no worker is"
                        + " online, start one (./dtaas worker) with the same REDIS_URL."));
        open.keySet().stream().filter(task -> !lost.containsKey(task)).forEach(task -> alerts.resolve(task,
                NotificationKind.WORKER_LOST, NotificationKind.WORKER_LOST,
                "No execution of the task is held by a lost worker any more (its jobs were taken over, or it ended)."));
    }
}
