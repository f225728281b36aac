package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.launch.UntilStarted;
import io.dtaas.cdc.CdcRun;
import io.dtaas.connect.RetainedLog;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.controlplane.live.LiveUpdates;
import io.dtaas.controlplane.live.RetentionGauges;
import io.dtaas.controlplane.live.RetentionMessage;
import io.dtaas.controlplane.metadata.StoredTime;
import io.dtaas.controlplane.task.RetentionHistory;
import io.dtaas.controlplane.task.StreamSafetyStore;
import io.dtaas.error.DtaasException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code dtaas.alerts.retention-interval} (default 30 s), measures what the source keeps for each streaming
 * task that has run, whether it runs now or not (a stopped, paused or failed task's slot keeps WAL all the same),
 * through the connector gateway (so in distributed mode a worker asks the source). The measurement is stored
 * (task view), published on {@code /ws} and {@code /q/metrics}, and added to the task's retention history
 * ({@code GET /api/tasks/{id}/retention}, pruned to {@code dtaas.alerts.retention-history}). Then it is judged:
 * <ul>
 *   <li>a slot the source invalidated ({@code wal_status = lost}), or a binlog file a stopped task needs that the
 *       server purged, marks the task to resync and opens a position_lost alert;</li>
 *   <li>a task not running whose retained bytes cross its hard limit (opt-in: the task's
 *       {@code drop_slot_above_mb} or {@code dtaas.alerts.drop-slot-above}) gets its slot dropped, likewise marked
 *       and alerted;</li>
 *   <li>a task not running over {@code dtaas.alerts.retained-bytes}, or whose needed binlog file the server's
 *       expiry may purge within {@code dtaas.alerts.binlog-purge-within}, opens retention_threshold (a running
 *       stream's own metric judges it while it runs, {@link StreamThresholdAlerts}).</li>
 * </ul>
 */
@ApplicationScoped
public class RetentionChecks {

    private static final Logger LOG = Logger.getLogger(RetentionChecks.class);
    private static final Set<String> ACTIVE = Set.of("queued", "running", "stopping");
    private static final String STREAMING = "SELECT t.id, t.source_connector_id, t.status,"
            + " CASE WHEN jsonb_typeof(t.config->'drop_slot_above_mb') = 'number'"
            + " THEN (t.config->>'drop_slot_above_mb')::bigint END"
            + " FROM tasks t WHERE t.mode IN ('cdc', 'full_load_then_cdc')"
            + " AND EXISTS (SELECT 1 FROM executions e WHERE e.task_id = t.id) ORDER BY t.id";
    private static final long MB = 1024L * 1024;

    private record Streaming(long taskId, long sourceId, String status, Long hardLimitMb) {
    }

    private final DataSource metadata;
    private final ConnectorService connectors;
    private final ConnectorGateway gateway;
    private final StreamSafetyStore safety;
    private final AlertStore alerts;
    private final SlotGuard guard;
    private final RetentionGauges gauges;
    private final LiveUpdates live;
    private final RetentionHistory history;

    public RetentionChecks(DataSource metadata, ConnectorService connectors, ConnectorGateway gateway,
                           StreamSafetyStore safety, AlertStore alerts, SlotGuard guard, RetentionGauges gauges,
                           LiveUpdates live, RetentionHistory history) {
        this.history = history;
        this.metadata = metadata;
        this.connectors = connectors;
        this.gateway = gateway;
        this.safety = safety;
        this.alerts = alerts;
        this.guard = guard;
        this.gauges = gauges;
        this.live = live;
    }

    @Scheduled(every = "${dtaas.alerts.retention-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    public void onTick() {
        history.prune(StoredTime.now());
        for (Streaming task : streamingTasks()) {
            try {
                check(task);
            } catch (DtaasException | IllegalStateException e) { // one unreachable source never stops the others
                LOG.debugf("task %d: the retained log could not be measured: %s", task.taskId(), e.getMessage());
            }
        }
    }

    private void check(Streaming task) {
        ConnectorService.Resolved source = QuarkusTransaction.requiringNew().call(() -> connectors.resolve(task.sourceId()));
        Optional<RetainedLog> measured = gateway.retainedLog(source.connector(), source.values(), task.taskId());
        if (measured.isEmpty()) {
            return; // this source cannot tell, or the stream has no committed position yet
        }
        RetainedLog log = measured.get();
        Instant now = StoredTime.now();
        safety.save(task.taskId(), log, now);
        history.record(task.taskId(), log, now);
        gauges.record(task.taskId(), log);
        live.send(task.taskId(), RetentionMessage.of(task.taskId(), log, now));
        boolean running = ACTIVE.contains(task.status());
        Optional<String> lost = log.lostReason(task.taskId(), CdcRun.streamId(task.taskId()));
        // a running binlog stream has read past its stored offset, and the server never purges a file a connected
        // reader still uses: only a stopped one's purged file is a lost position (a restart meets it too and says so)
        if (lost.isPresent() && (log.invalidated() || !running)) {
            guard.positionLost(task.taskId(), lost.get(), now);
            return;
        }
        Long limit = guard.hardLimitBytes(task.hardLimitMb() == null ? null : task.hardLimitMb() * MB);
        if (!running && log.heldBySlot() && limit != null && log.retainedBytes() != null && log.retainedBytes() > limit) {
            guard.dropAtHardLimit(task.taskId(), task.sourceId(), log.retainedBytes(), limit, now);
            return;
        }
        if (!running && log.positionExists()) {
            guard.retention(task.taskId(), log, now);
        }
    }

    private List<Streaming> streamingTasks() {
        List<Streaming> found = new ArrayList<>();
        MetadataRows.each(metadata, STREAMING, "list the streaming tasks", rs -> found.add(new Streaming(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class))));
        return found;
    }
}
