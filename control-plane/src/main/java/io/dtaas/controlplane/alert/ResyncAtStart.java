package io.dtaas.controlplane.alert;

import io.dtaas.connect.CaptureCleanup;
import io.dtaas.controlplane.execution.TaskLifecycle;
import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.controlplane.task.ChangeCaptureCleanup;
import io.dtaas.controlplane.execution.ResyncHook;
import io.dtaas.controlplane.task.StreamSafetyStore;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.job.ExecutionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A task whose position the source lost (or that the hard limit dropped) is marked; its next start resyncs it
 * first, never silently: the mark shows on the task until then, and the position_lost alert resolves saying
 * what was done.
 */
@ApplicationScoped
public class ResyncAtStart implements ResyncHook {

    private static final Logger LOG = Logger.getLogger(ResyncAtStart.class);

    private final StreamSafetyStore safety;
    private final ChangeCaptureCleanup cleanup;
    private final AlertStore alerts;

    public ResyncAtStart(StreamSafetyStore safety, ChangeCaptureCleanup cleanup, AlertStore alerts) {
        this.safety = safety;
        this.cleanup = cleanup;
        this.alerts = alerts;
    }

    @Override
    public void beforeStart(long taskId) {
        if (!safety.resyncMarked(taskId)) {
            return;
        }
        Long source = QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity task = TaskEntity.findById(taskId);
            // never while an execution is under way: the start is refused then anyway
            return task == null || TaskLifecycle.ACTIVE.contains(ExecutionStatus.fromWire(task.status)) ? null
                    : task.sourceConnectorId;
        });
        if (source == null) {
            return;
        }
        CaptureCleanup done = cleanup.forget(taskId, source);
        LOG.warnf("task %d: resynced at its start because its position on the source was lost; dropped %s", taskId,
                done.dropped());
        resynced(taskId, "The task was resynced at its start (dropped: " + String.join(", ", done.dropped())
                + "); it streams from the source's current position. Changes made while its position was lost were not"
                + " replayed: reload its tables with a full_load task if the target must hold them.");
    }

    @Override
    public void resynced(long taskId, String how) {
        safety.clearResync(taskId);
        alerts.resolve(taskId, NotificationKind.POSITION_LOST, NotificationKind.POSITION_LOST, how);
    }
}
