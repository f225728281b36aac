package io.dtaas.controlplane.execution;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TableProgress;
import io.dtaas.metadata.ExecutionTable;
import io.dtaas.metadata.ExecutionTables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The record of a distributed execution's tables, folded exactly once whatever restarts in between: a table's
 * final report is stored in {@code execution_tables} in the same transaction (under the task's row lock, like
 * every execution write) that recomputes the execution's totals from the stored reports and, once every planned
 * table has one, ends the execution. Totals are never accumulated, so a report folded twice (read again after a
 * restart, or sent again by a duplicate job) changes nothing, and an execution never ends before its last table.
 */
@ApplicationScoped
public class ExecutionLedger {

    private final ExecutionTables tables;

    public ExecutionLedger(ExecutionTables tables) {
        this.tables = tables;
    }

    /**
     * What a fold left: the execution's recorded tables, and how the execution ended if this fold (or an earlier
     * one) ended it.
     */
    public record Settlement(List<ExecutionTable> tables, ExecutionStatus ended, String error) {

        /** The task or execution was deleted: nothing is left to record. */
        static Settlement gone() {
            return new Settlement(List.of(), ExecutionStatus.STOPPED, "deleted");
        }

        public long rows() {
            return tables.stream().mapToLong(ExecutionTable::rows).sum();
        }

        public long bytes() {
            return tables.stream().mapToLong(ExecutionTable::bytes).sum();
        }
    }

    /** The recorded plan, with each table's final report when it has one; empty when no plan is recorded. */
    public List<ExecutionTable> recorded(long executionId) {
        return tables.of(executionId);
    }

    /** Records a plan unless one is (workers record it before queueing; this covers a report from an older worker). */
    public List<ExecutionTable> planned(long executionId, List<String> names) {
        return QuarkusTransaction.requiringNew().call(() -> tables.plan(executionId, names));
    }

    /**
     * Folds a table's final report: stored unless the table has one already or a newer claim was recorded (a
     * stale worker), and the execution ended when it was the last one.
     */
    public Settlement tableFinished(long taskId, long executionId, String table, long epoch, ExecutionStatus outcome,
                                    TableProgress last, String error) {
        return inTransaction(taskId, executionId, () -> tables.finish(executionId, table, epoch, outcome, last, error, null));
    }

    /** Ends a table whose job is lost and must not run again (its execution is stopping), then settles. */
    public Settlement endLost(long taskId, long executionId, String table, ExecutionStatus outcome, String reason) {
        return inTransaction(taskId, executionId, () -> tables.endUnclaimed(executionId, table, outcome, reason));
    }

    /** Ends the execution if every recorded table has ended; for reports that Redis lost after workers stored them. */
    public Settlement settle(long taskId, long executionId) {
        return inTransaction(taskId, executionId, () -> false);
    }

    /** Counts a re-dispatch of a table whose job was lost. */
    public void redispatched(long executionId, String table) {
        tables.redispatched(executionId, table);
    }

    private Settlement inTransaction(long taskId, long executionId, BooleanSupplier change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ExecutionWriter.Locked l = ExecutionWriter.lock(taskId, executionId);
            if (l == null) {
                return Settlement.gone();
            }
            change.getAsBoolean();
            List<ExecutionTable> recorded = tables.of(executionId);
            if (l.status().isFinal()) {
                return new Settlement(recorded, l.status(), l.execution().errorMessage);
            }
            if (recorded.isEmpty() || !recorded.stream().allMatch(ExecutionTable::finished)) {
                return new Settlement(recorded, null, null);
            }
            return end(l, recorded);
        });
    }

    /** Every table ended: the execution ends with totals summed from the stored reports. Under the task lock. */
    private static Settlement end(ExecutionWriter.Locked l, List<ExecutionTable> recorded) {
        ExecutionStatus outcome = overall(recorded.stream().map(ExecutionTable::outcome).toList());
        Set<String> errors = new LinkedHashSet<>();
        List<TableProgress> progress = new ArrayList<>();
        for (ExecutionTable t : recorded) {
            progress.add(t.progress());
            if (t.error() != null && t.outcome() == ExecutionStatus.FAILED) {
                errors.add(t.error());
            }
        }
        String error = errors.isEmpty() ? null : String.join("; ", errors);
        ExecutionStatus next = ExecutionWriter.reconcile(l.status(), outcome);
        long rows = recorded.stream().mapToLong(ExecutionTable::rows).sum();
        ExecutionEntity execution = l.execution();
        execution.processedRows = rows;
        execution.tableProgress = TableProgressJson.toJson(progress);
        if (execution.startedAt != null) {
            double seconds = Math.max(0.001, Duration.between(execution.startedAt, Instant.now()).toMillis() / 1000.0);
            execution.rowsPerSecond = rows / seconds;
        }
        if (error != null) {
            execution.errorMessage = ExecutionWriter.truncate(error);
        }
        ExecutionWriter.transition(l, next);
        return new Settlement(recorded, next, error);
    }

    /** Failed if any table failed, else stopped if any stopped, else paused if any paused, else completed. */
    public static ExecutionStatus overall(Iterable<ExecutionStatus> outcomes) {
        boolean stopped = false;
        boolean paused = false;
        boolean failed = false;
        for (ExecutionStatus s : outcomes) {
            failed |= s == ExecutionStatus.FAILED;
            stopped |= s == ExecutionStatus.STOPPED;
            paused |= s == ExecutionStatus.PAUSED;
        }
        return failed ? ExecutionStatus.FAILED : stopped ? ExecutionStatus.STOPPED
                : paused ? ExecutionStatus.PAUSED : ExecutionStatus.COMPLETED;
    }
}
