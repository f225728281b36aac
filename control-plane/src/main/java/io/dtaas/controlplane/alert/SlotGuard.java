package io.dtaas.controlplane.alert;

import io.dtaas.cdc.CdcRun;
import io.dtaas.connect.CaptureCleanup;
import io.dtaas.connect.LostPosition;
import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.controlplane.task.ChangeCaptureCleanup;
import io.dtaas.controlplane.task.StreamSafetyStore;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@link RetentionChecks} does about a measurement: marks a task whose position is gone to resync and says
 * so (position_lost), drops a stopped task's slot past its opt-in hard limit to protect the source, and opens or
 * resolves retention_threshold for tasks that do not run.
 */
@ApplicationScoped
public class SlotGuard {

    private static final Logger LOG = Logger.getLogger(SlotGuard.class);

    private final StreamSafetyStore safety;
    private final AlertStore alerts;
    private final ChangeCaptureCleanup cleanup;
    private final long warnBytes;
    private final Optional<MemorySize> dropAbove;

    public SlotGuard(StreamSafetyStore safety, AlertStore alerts, ChangeCaptureCleanup cleanup,
                     @ConfigProperty(name = "dtaas.alerts.retained-bytes", defaultValue = "1G") MemorySize warnBytes,
                     @ConfigProperty(name = "dtaas.alerts.drop-slot-above") Optional<MemorySize> dropAbove) {
        this.safety = safety;
        this.alerts = alerts;
        this.cleanup = cleanup;
        this.warnBytes = warnBytes.asLongValue();
        this.dropAbove = dropAbove;
    }

    /** The hard limit that applies: the task's own, else the global one; null when neither opted in. */
    Long hardLimitBytes(Long taskLimit) {
        return taskLimit != null ? taskLimit : dropAbove.map(MemorySize::asLongValue).orElse(null);
    }

    /** PostgreSQL invalidated the task's slot (wal_status lost). */
    void positionLost(long taskId, Instant now) {
        String reason = LostPosition.slotInvalidated(taskId, CdcRun.streamId(taskId));
        if (safety.markResync(taskId, reason)) {
            LOG.warnf("task %d: %s", taskId, reason);
        }
        alerts.open(taskId, NotificationKind.POSITION_LOST, now, reason, resyncAction(taskId));
    }

    /** A task that does not run retains more than its hard limit: its slot goes, and the task is marked. */
    void dropAtHardLimit(long taskId, long sourceId, long retained, long limit, Instant now) {
        CaptureCleanup done = cleanup.forget(taskId, sourceId);
        String reason = String.format("The source retained %d bytes of WAL for this task's replication slot %s while"
                + " the task was not running, above its hard limit of %d bytes: DTaaS dropped the slot to protect the"
                + " source (dropped: %s%s). The changes since the task's last applied position are lost.", retained,
                CdcRun.streamId(taskId), limit, String.join(", ", done.dropped()),
                done.leftOver().isEmpty() ? "" : "; left to drop by hand: " + String.join("; ", done.leftOver()));
        safety.markResync(taskId, reason);
        LOG.warnf("task %d: %s", taskId, reason);
        alerts.open(taskId, NotificationKind.POSITION_LOST, now, reason, resyncAction(taskId));
        alerts.resolve(taskId, NotificationKind.RETENTION_THRESHOLD, NotificationKind.RETENTION_THRESHOLD,
                "The task's replication slot was dropped at the hard limit: the source no longer retains WAL for it.");
    }

    /** retention_threshold for a task that does not run, from the control-plane's own measurement. */
    void retention(long taskId, Long retained, Instant now) {
        if (retained == null) {
            return;
        }
        if (retained > warnBytes) {
            alerts.open(taskId, NotificationKind.RETENTION_THRESHOLD, now, String.format("The source retains %d bytes"
                    + " of WAL for this task's replication slot while the task is not running, above the %d bytes"
                    + " threshold; it grows with every write on the source until the task runs again.", retained,
                    warnBytes), "Resume or start the task so its stream catches up; if it is no longer needed, delete it"
                    + " so its replication slot is dropped and the source frees the WAL.");
        } else {
            alerts.resolve(taskId, NotificationKind.RETENTION_THRESHOLD, NotificationKind.RETENTION_THRESHOLD,
                    String.format("Retained WAL is back to %d bytes.", retained));
        }
    }

    private static String resyncAction(long taskId) {
        return "resync: start the task (it is marked to resync at its next start) or POST /api/tasks/" + taskId
                + "/resync; its stream then starts at the source's current position, so reload its tables with a"
                + " full_load task if the target must hold the changes made meanwhile.";
    }
}
