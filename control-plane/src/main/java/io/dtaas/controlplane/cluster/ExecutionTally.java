package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.WorkerReport;
import io.dtaas.data.TableRef;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the reports of an execution's table jobs, which may run on several workers, into the execution's
 * progress: per-table state, total rows, rows/s, and one final status once every planned table has ended
 * (failed if any table failed, else stopped, else paused, else completed). A report whose fencing epoch is
 * older than one already seen for its table comes from a worker that lost the table, and is ignored.
 */
public final class ExecutionTally {

    /** Where the folded progress goes: the execution recorder, in production. */
    public interface Outlet {

        void started(long taskId, long executionId);

        void progress(ProgressEvent event);

        void finished(long taskId, long executionId, ExecutionStatus status, String error);

        /** The tables an execution was planned with, as stored, for reports that outlive a control-plane restart. */
        List<String> storedTables(long executionId);
    }

    private final Outlet outlet;
    private final Map<Long, Run> runs = new HashMap<>();

    public ExecutionTally(Outlet outlet) {
        this.outlet = outlet;
    }

    private static final class Run {
        final long taskId;
        final long executionId;
        final Instant firstSeen = Instant.now();
        List<String> planned;
        final Map<String, TableProgress> tables = new LinkedHashMap<>();
        final Map<String, Long> epochs = new HashMap<>();
        final Map<String, ExecutionStatus> ended = new LinkedHashMap<>();
        final Map<String, String> errors = new LinkedHashMap<>();
        ProgressEvent streamed;

        Run(long taskId, long executionId) {
            this.taskId = taskId;
            this.executionId = executionId;
        }
    }

    public synchronized void accept(WorkerReport report) {
        switch (report.kind()) {
            case STARTED -> {
                run(report);
                outlet.started(report.taskId(), report.executionId());
            }
            case PLANNED -> {
                Run run = run(report);
                run.planned = report.tables().stream().map(TableRef::toString).toList();
                run.planned.forEach(t -> run.tables.putIfAbsent(t, new TableProgress(t, "pending", 0, 0, 0, 0, null)));
                outlet.progress(snapshot(run, ExecutionStatus.RUNNING, null));
            }
            case PROGRESS -> {
                Run run = run(report);
                if (stale(run, report)) {
                    return;
                }
                if (report.table() == null) {
                    // a job that follows the whole execution (a change stream) reports its own totals
                    ProgressEvent e = report.event();
                    run.streamed = e;
                    outlet.progress(new ProgressEvent(e.executionId(), e.taskId(), ExecutionStatus.RUNNING,
                            e.processedRows(), e.bytes(), e.rowsPerSecond(), e.tables(), null, e.at(), e.cdc()));
                    return;
                }
                merge(run, report.event());
                outlet.progress(snapshot(run, ExecutionStatus.RUNNING, null));
            }
            case TABLE_FINISHED -> tableFinished(run(report), report);
            case FINISHED -> {
                Run run = runs.remove(report.executionId());
                ProgressEvent last = report.event() != null ? report.event() : run != null ? run.streamed : null;
                if (last != null) {
                    outlet.progress(new ProgressEvent(last.executionId(), last.taskId(), report.status(),
                            last.processedRows(), last.bytes(), last.rowsPerSecond(), last.tables(), report.error(),
                            last.at(), last.cdc()));
                } else if (run != null) {
                    outlet.progress(snapshot(run, report.status(), report.error()));
                }
                outlet.finished(report.taskId(), report.executionId(), report.status(), report.error());
            }
        }
    }

    /** Executions with reports folded and no final status yet. */
    public synchronized int open() {
        return runs.size();
    }

    private void tableFinished(Run run, WorkerReport report) {
        if (stale(run, report)) {
            return;
        }
        String table = report.table().toString();
        merge(run, report.event());
        run.ended.put(table, report.status());
        if (report.error() != null) {
            run.errors.put(table, report.error());
        }
        if (run.planned == null) {
            List<String> stored = outlet.storedTables(run.executionId);
            run.planned = stored.isEmpty() ? null : stored;
        }
        if (run.planned == null || !run.ended.keySet().containsAll(run.planned)) {
            outlet.progress(snapshot(run, ExecutionStatus.RUNNING, null));
            return;
        }
        ExecutionStatus status = overall(run.ended.values());
        String error = run.errors.isEmpty() ? null : String.join("; ", run.errors.values());
        runs.remove(run.executionId);
        outlet.progress(snapshot(run, status, error));
        outlet.finished(run.taskId, run.executionId, status, error);
    }

    static ExecutionStatus overall(Iterable<ExecutionStatus> tables) {
        boolean stopped = false;
        boolean paused = false;
        boolean failed = false;
        for (ExecutionStatus s : tables) {
            failed |= s == ExecutionStatus.FAILED;
            stopped |= s == ExecutionStatus.STOPPED;
            paused |= s == ExecutionStatus.PAUSED;
        }
        return failed ? ExecutionStatus.FAILED : stopped ? ExecutionStatus.STOPPED
                : paused ? ExecutionStatus.PAUSED : ExecutionStatus.COMPLETED;
    }

    private Run run(WorkerReport report) {
        return runs.computeIfAbsent(report.executionId(), id -> new Run(report.taskId(), id));
    }

    private static boolean stale(Run run, WorkerReport report) {
        String table = report.table() == null ? "" : report.table().toString();
        long seen = run.epochs.getOrDefault(table, 0L);
        if (report.epoch() < seen) {
            return true;
        }
        run.epochs.put(table, report.epoch());
        return false;
    }

    private static void merge(Run run, ProgressEvent event) {
        if (event == null || event.tables() == null) {
            return;
        }
        for (TableProgress t : event.tables()) {
            run.tables.put(t.table(), t);
        }
    }

    private static ProgressEvent snapshot(Run run, ExecutionStatus status, String error) {
        long rows = 0;
        long bytes = 0;
        for (TableProgress t : run.tables.values()) {
            rows += t.rows();
            bytes += t.bytes();
        }
        double seconds = Math.max(0.001, Duration.between(run.firstSeen, Instant.now()).toMillis() / 1000.0);
        return new ProgressEvent(run.executionId, run.taskId, status, rows, bytes, rows / seconds,
                new ArrayList<>(run.tables.values()), error, Instant.now());
    }
}
