package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.metadata.StoredTime;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Map;

/**
 * Writes what runners report about an execution, each call in its own transaction, and mirrors the
 * execution's status on its task.
 *
 * <p>Every write first locks the task row: API actions (start, stop, delete) take the same lock, so a
 * progress write and a stop request never interleave, and optimistic versions never clash. An execution
 * that reached a final state is never written again: late or repeated reports are ignored.
 */
@ApplicationScoped
public class ExecutionWriter {

    static final int MAX_ERROR = 4000;

    private final jakarta.enterprise.event.Event<ExecutionCompleted> completions;

    public ExecutionWriter(jakarta.enterprise.event.Event<ExecutionCompleted> completions) {
        this.completions = completions;
    }

    /** A worker took the execution: {@code queued} becomes {@code running} (a requested stop stays {@code stopping}). */
    public void started(long taskId, long executionId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Locked l = lock(taskId, executionId);
            if (l == null || l.status().isFinal()) {
                return;
            }
            l.execution.startedAt = StoredTime.now();
            transition(l, reconcile(l.status(), ExecutionStatus.RUNNING));
        });
    }

    /**
     * A progress snapshot: counters, per-table progress, and the status it reports.
     *
     * @return the event with the execution's recorded retries (as browsers should see it)
     */
    public ProgressEvent progress(ProgressEvent event) {
        boolean[] completed = {false};
        ProgressEvent recordedEvent = QuarkusTransaction.requiringNew().call(() -> {
            Locked l = lock(event.taskId(), event.executionId());
            if (l == null) {
                return event;
            }
            ProgressEvent recorded = event.withRetries(l.execution.retries, l.execution.lastRetryReason);
            if (l.status().isFinal()) {
                return recorded;
            }
            ExecutionStatus next = reconcile(l.status(), event.status());
            completed[0] = next == ExecutionStatus.COMPLETED;
            l.execution.processedRows = event.processedRows();
            l.execution.rowsPerSecond = event.rowsPerSecond();
            List<TableProgress> tables = event.tables() == null ? List.of() : event.tables();
            l.execution.tableProgress = TableProgressJson.toJson(TableProgressJson.settled(tables, next, event.error()));
            if (event.cdc() != null) {
                l.execution.cdcMetrics = cdcJson(event.cdc(), event.at());
            }
            if (next.isFinal() && event.error() != null) {
                l.execution.errorMessage = truncate(event.error());
            }
            transition(l, next);
            return recorded;
        });
        if (completed[0]) {
            completions.fireAsync(new ExecutionCompleted(event.taskId(), event.executionId()));
        }
        return recordedEvent;
    }

    private static Map<String, Object> cdcJson(io.dtaas.job.CdcMetrics m, java.time.Instant measuredAt) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put(CdcLag.MEASURED_AT, measuredAt == null ? null : measuredAt.toString());
        json.put("lag_seconds", m.lagSeconds());
        json.put("position_gap_bytes", m.positionGapBytes());
        json.put("events_per_second", m.eventsPerSecond());
        json.put("last_applied_at", m.lastAppliedAt() == null ? null : m.lastAppliedAt().toString());
        Map<String, Object> changes = new java.util.TreeMap<>();
        m.changes().forEach((table, c) -> changes.put(table, Map.of("inserts", c.inserts(), "updates", c.updates(),
                "deletes", c.deletes())));
        json.put("changes", changes);
        return json;
    }

    /** The variables the execution resolved at its start (name to value and value_type). */
    public void variables(long taskId, long executionId, Map<String, Object> variables) {
        QuarkusTransaction.requiringNew().run(() -> {
            Locked l = lock(taskId, executionId);
            if (l != null && !l.status().isFinal()) {
                l.execution.variables = variables;
            }
        });
    }

    /**
     * The execution ended as {@code status}, keeping the counters last reported. Ignored when a final report
     * already arrived, so the runner's own final event wins over this fallback.
     */
    public void finish(long taskId, long executionId, ExecutionStatus status, String error) {
        boolean[] completed = {false};
        QuarkusTransaction.requiringNew().run(() -> {
            Locked l = lock(taskId, executionId);
            if (l == null || l.status().isFinal()) {
                return;
            }
            ExecutionStatus next = reconcile(l.status(), status.isFinal() ? status : ExecutionStatus.FAILED);
            completed[0] = next == ExecutionStatus.COMPLETED;
            if (error != null && l.execution.errorMessage == null) {
                l.execution.errorMessage = truncate(error);
            }
            // the last progress may still show tables running: nothing runs them any more
            List<TableProgress> tables = TableProgressJson.fromJson(l.execution.tableProgress);
            List<TableProgress> settled = TableProgressJson.settled(tables, next, l.execution.errorMessage);
            if (!settled.equals(tables)) {
                l.execution.tableProgress = TableProgressJson.toJson(settled);
            }
            transition(l, next);
        });
        if (completed[0]) {
            completions.fireAsync(new ExecutionCompleted(taskId, executionId));
        }
    }

    /**
     * What a reported status means given the stored one: while a stop is pending the execution shows
     * {@code stopping}, and a runner that paused instead of stopping has still stopped.
     */
    static ExecutionStatus reconcile(ExecutionStatus stored, ExecutionStatus reported) {
        boolean stopping = stored == ExecutionStatus.STOPPING;
        if (!reported.isFinal()) {
            return stopping ? ExecutionStatus.STOPPING : ExecutionStatus.RUNNING;
        }
        return stopping && reported == ExecutionStatus.PAUSED ? ExecutionStatus.STOPPED : reported;
    }

    /** Sets the execution's status and, when it is the task's newest execution, the task's. Call under the task lock. */
    static void transition(Locked l, ExecutionStatus next) {
        l.execution.status = next.wireName();
        if (next.isFinal() && l.execution.finishedAt == null) {
            l.execution.finishedAt = StoredTime.now();
        }
        if (l.newest) {
            l.task.status = next.wireName();
        }
    }

    /**
     * The task row locked for this transaction, and the execution read after the lock.
     *
     * @param newest whether the execution is the task's latest, the one whose status the task mirrors
     */
    record Locked(TaskEntity task, ExecutionEntity execution, boolean newest) {

        ExecutionStatus status() {
            return ExecutionStatus.fromWire(execution.status);
        }
    }

    static Locked lock(long taskId, long executionId) {
        TaskEntity task = TaskEntity.findById(taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            return null; // the task was deleted; nothing left to record
        }
        ExecutionEntity execution = ExecutionEntity.findById(executionId);
        if (execution == null || !execution.taskId.equals(taskId)) {
            return null;
        }
        // asked before anything changes: a query after a change would flush it early, and the JSON column
        // (whose numbers do not round-trip as the same Java types) would then be written a second time
        Long newest = ExecutionEntity.getEntityManager()
                .createQuery("select max(e.id) from ExecutionEntity e where e.taskId = ?1", Long.class)
                .setParameter(1, taskId).getSingleResult();
        return new Locked(task, execution, execution.id.equals(newest));
    }

    static String truncate(String s) {
        return s.length() > MAX_ERROR ? s.substring(0, MAX_ERROR) : s;
    }
}
