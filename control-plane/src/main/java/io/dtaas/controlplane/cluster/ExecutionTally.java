package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.WorkerReport;
import io.dtaas.controlplane.execution.ExecutionLedger;
import io.dtaas.data.TableRef;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.metadata.ExecutionTable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the reports of an execution's table jobs, which may run on several workers, into the execution's
 * progress: per-table state, total rows, rows/s. What is final lives in the metadata database, not here: the
 * plan and every table's final report are folded by the {@link Outlet} (the {@link ExecutionLedger}), which ends
 * the execution once every planned table has ended (failed if any table failed, else stopped, else paused, else
 * completed). This keeps only the running tables' latest progress, seeded from the database when an execution is
 * first seen, so a restarted control-plane picks up where the records stand. A report whose fencing epoch is
 * older than one already seen for its table comes from a worker that lost the table, and is ignored.
 */
public final class ExecutionTally {

    /** Where the folded progress goes, and where the records are kept (the recorder and the ledger, in production). */
    public interface Outlet {

        void started(long taskId, long executionId);

        void progress(ProgressEvent event);

        /** An execution-level end (planning failed, a stop before planning, a change stream ended). */
        void finished(long taskId, long executionId, ExecutionStatus status, String error);

        /** The recorded plan with the final reports stored so far; empty when none is recorded. */
        List<ExecutionTable> recorded(long executionId);

        /** Records the plan unless one is recorded; returns the recorded one. */
        List<ExecutionTable> planned(long executionId, List<String> tables);

        /** Stores a table's final report exactly once and ends the execution when it was the last. */
        ExecutionLedger.Settlement tableFinished(WorkerReport report);
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
        /** The recorded plan, by table, in plan order; final tables carry their stored report. */
        final Map<String, ExecutionTable> recorded = new LinkedHashMap<>();
        /** Latest progress of tables that have no final report yet. */
        final Map<String, TableProgress> live = new LinkedHashMap<>();
        final Map<String, Long> epochs = new HashMap<>();
        ProgressEvent streamed;

        Run(long taskId, long executionId) {
            this.taskId = taskId;
            this.executionId = executionId;
        }

        void record(List<ExecutionTable> tables) {
            for (ExecutionTable t : tables) {
                recorded.put(t.table(), t);
                if (t.finished()) {
                    live.remove(t.table());
                }
            }
        }

        boolean ended(String table) {
            ExecutionTable t = recorded.get(table);
            return t != null && t.finished();
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
                run.record(outlet.planned(report.executionId(), report.tables().stream().map(TableRef::toString).toList()));
                outlet.progress(snapshot(run, ExecutionStatus.RUNNING, null));
            }
            case PROGRESS -> progress(report);
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

    /** Forgets an execution the records ended elsewhere (the reconciler settled it). */
    public synchronized void forget(long executionId) {
        runs.remove(executionId);
    }

    private void progress(WorkerReport report) {
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

    private void tableFinished(Run run, WorkerReport report) {
        if (stale(run, report)) {
            return;
        }
        merge(run, report.event());
        ExecutionLedger.Settlement settled = outlet.tableFinished(report);
        run.record(settled.tables());
        if (settled.ended() == null) {
            outlet.progress(snapshot(run, ExecutionStatus.RUNNING, null));
            return;
        }
        runs.remove(run.executionId);
        outlet.progress(snapshot(run, settled.ended(), settled.error()));
        outlet.finished(run.taskId, run.executionId, settled.ended(), settled.error());
    }

    static ExecutionStatus overall(Iterable<ExecutionStatus> tables) {
        return ExecutionLedger.overall(tables);
    }

    /** The execution's run, seeded from the records when first seen (after a restart, the plan and ended tables). */
    private Run run(WorkerReport report) {
        return runs.computeIfAbsent(report.executionId(), id -> {
            Run run = new Run(report.taskId(), id);
            run.record(outlet.recorded(id));
            return run;
        });
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

    /** Running tables' progress; a table with a final report keeps the stored one. */
    private static void merge(Run run, ProgressEvent event) {
        if (event == null || event.tables() == null) {
            return;
        }
        for (TableProgress t : event.tables()) {
            if (!run.ended(t.table())) {
                run.live.put(t.table(), t);
            }
        }
    }

    /** The execution as the records and the running tables' progress show it, in plan order. */
    private static ProgressEvent snapshot(Run run, ExecutionStatus status, String error) {
        List<TableProgress> tables = new ArrayList<>();
        for (ExecutionTable t : run.recorded.values()) {
            TableProgress live = run.live.get(t.table());
            // the record has no note column: a finished table keeps the note its live progress showed
            tables.add(t.finished() || live == null ? t.progress().withNote(live == null ? null : live.note()) : live);
        }
        run.live.forEach((name, t) -> {
            if (!run.recorded.containsKey(name)) {
                tables.add(t); // reported before its plan was seen
            }
        });
        long rows = 0;
        long bytes = 0;
        for (TableProgress t : tables) {
            rows += t.rows();
            bytes += t.bytes();
        }
        double seconds = Math.max(0.001, Duration.between(run.firstSeen, Instant.now()).toMillis() / 1000.0);
        return new ProgressEvent(run.executionId, run.taskId, status, rows, bytes, rows / seconds, tables, error,
                Instant.now());
    }
}
