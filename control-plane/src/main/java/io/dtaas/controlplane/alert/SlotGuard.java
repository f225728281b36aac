package io.dtaas.controlplane.alert;

import io.dtaas.cdc.CdcRun;
import io.dtaas.connect.CaptureCleanup;
import io.dtaas.connect.RetainedLog;
import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.controlplane.task.ChangeCaptureCleanup;
import io.dtaas.controlplane.task.StreamSafetyStore;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@link RetentionChecks} does about a measurement: marks a task whose position is gone to resync and says
 * so (position_lost), drops a stopped task's slot past its opt-in hard limit to protect the source, and opens or
 * resolves retention_threshold for tasks that do not run (too much log kept, or a binlog file they need about to
 * expire).
 */
@ApplicationScoped
public class SlotGuard {

    private static final Logger LOG = Logger.getLogger(SlotGuard.class);

    private final StreamSafetyStore safety;
    private final AlertStore alerts;
    private final ChangeCaptureCleanup cleanup;
    private final long warnBytes;
    private final Optional<MemorySize> dropAbove;
    private final Duration purgeWarning;

    public SlotGuard(StreamSafetyStore safety, AlertStore alerts, ChangeCaptureCleanup cleanup,
                     @ConfigProperty(name = "dtaas.alerts.retained-bytes", defaultValue = "1G") MemorySize warnBytes,
                     @ConfigProperty(name = "dtaas.alerts.drop-slot-above") Optional<MemorySize> dropAbove,
                     @ConfigProperty(name = "dtaas.alerts.binlog-purge-within", defaultValue = "24h") Duration purgeWarning) {
        this.safety = safety;
        this.alerts = alerts;
        this.cleanup = cleanup;
        this.warnBytes = warnBytes.asLongValue();
        this.dropAbove = dropAbove;
        this.purgeWarning = purgeWarning;
    }

    /** The hard limit that applies: the task's own, else the global one; null when neither opted in. */
    Long hardLimitBytes(Long taskLimit) {
        return taskLimit != null ? taskLimit : dropAbove.map(MemorySize::asLongValue).orElse(null);
    }

    /** The task's position is gone for good ({@code reason}: PostgreSQL invalidated its slot, a binlog was purged). */
    void positionLost(long taskId, String reason, Instant now) {
        if (safety.markResync(taskId, reason)) {
            LOG.warnf("task %d: %s", taskId, reason);
        }
        alerts.open(taskId, NotificationKind.POSITION_LOST, now, reason, resyncAction(taskId));
        // a warning about the log it needed is moot now: position_lost says what happened and what to do
        alerts.resolve(taskId, NotificationKind.RETENTION_THRESHOLD, NotificationKind.RETENTION_THRESHOLD,
                "The task's position on the source is lost (see position_lost): no log is kept for it any more.");
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

    /**
     * retention_threshold for a task that does not run, from the control-plane's own measurement: too much log kept
     * for it (a slot's WAL, or the binlog files from its position on), or, for a binlog source, its oldest needed
     * file due to be purged by the server's expiry within {@code dtaas.alerts.binlog-purge-within}.
     */
    void retention(long taskId, RetainedLog log, Instant now) {
        Long retained = log.retainedBytes();
        if (retained == null) {
            return;
        }
        String kept = log.oldestNeededFile() == null ? "of WAL for this task's replication slot"
                : "of binlog from the file " + log.oldestNeededFile() + " that holds this task's position";
        boolean soonPurged = log.purgeInSeconds() != null && log.purgeInSeconds() < purgeWarning.toSeconds();
        if (soonPurged) {
            alerts.open(taskId, NotificationKind.RETENTION_THRESHOLD, now, String.format("The source may purge the"
                    + " binary log file %s that holds this task's position in %d seconds (its binlog expiry), less than"
                    + " the %d seconds warning; the task is not running, and once the file is gone its position is lost"
                    + " and it must resync.", log.oldestNeededFile(), log.purgeInSeconds(), purgeWarning.toSeconds()),
                    "Resume or start the task before then so its stream moves past the file, or keep binlogs longer on"
                    + " the source (binlog_expire_logs_seconds); if the task is no longer needed, delete it.");
        } else if (retained > warnBytes) {
            alerts.open(taskId, NotificationKind.RETENTION_THRESHOLD, now, String.format("The source retains %d bytes"
                    + " %s while the task is not running, above the %d bytes threshold; it grows with every write on the"
                    + " source until the task runs again.", retained, kept, warnBytes), "Resume or start the task so"
                    + " its stream catches up; if it is no longer needed, delete it so its replication slot is dropped"
                    + " and the source frees the WAL.");
        } else {
            alerts.resolve(taskId, NotificationKind.RETENTION_THRESHOLD, NotificationKind.RETENTION_THRESHOLD,
                    String.format("Retained log is back to %d bytes.", retained));
        }
    }

    private static String resyncAction(long taskId) {
        return "resync: start the task (it is marked to resync at its next start) or POST /api/tasks/" + taskId
                + "/resync; its stream then starts at the source's current position, so reload its tables with a"
                + " full_load task if the target must hold the changes made meanwhile.";
    }
}
