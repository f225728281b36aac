package io.dtaas.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import io.dtaas.data.TableRef;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;

import java.util.List;

/**
 * An entry of {@link ClusterKeys#progress()}: what a worker tells the control-plane about an execution.
 *
 * @param table  the table a table job reports on; null for execution-level reports (and a change stream's)
 * @param epoch  the fencing epoch the worker holds the table under; reports of an older epoch are stale
 * @param tables {@link Kind#PLANNED}: the tables the execution loads
 * @param event  {@link Kind#PROGRESS} and {@link Kind#TABLE_FINISHED}: the table job's own progress
 * @param status {@link Kind#TABLE_FINISHED} and {@link Kind#FINISHED}: how it ended
 */
public record WorkerReport(Kind kind, long executionId, long taskId, TableRef table, long epoch, List<TableRef> tables,
                           ProgressEvent event, ExecutionStatus status, String error, String workerId) {

    public enum Kind {
        /** A worker took the execution's plan job. */
        STARTED("started"),
        /** The execution's tables are chosen and queued. */
        PLANNED("planned"),
        PROGRESS("progress"),
        TABLE_FINISHED("table_finished"),
        /** The execution ended before its tables were queued (planning failed, or a stop came first). */
        FINISHED("finished");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    public static WorkerReport started(long executionId, long taskId, String workerId) {
        return new WorkerReport(Kind.STARTED, executionId, taskId, null, 0, null, null, null, null, workerId);
    }

    public static WorkerReport planned(long executionId, long taskId, List<TableRef> tables, String workerId) {
        return new WorkerReport(Kind.PLANNED, executionId, taskId, null, 0, tables, null, null, null, workerId);
    }

    public static WorkerReport progress(TableRef table, long epoch, ProgressEvent event, String workerId) {
        return new WorkerReport(Kind.PROGRESS, event.executionId(), event.taskId(), table, epoch, null, event, null,
                null, workerId);
    }

    /** Execution-wide progress of a job that follows all the execution's tables (a change stream). */
    public static WorkerReport streamProgress(long epoch, ProgressEvent event, String workerId) {
        return new WorkerReport(Kind.PROGRESS, event.executionId(), event.taskId(), null, epoch, null, event, null,
                null, workerId);
    }

    public static WorkerReport tableFinished(long executionId, long taskId, TableRef table, long epoch,
                                             ProgressEvent last, ExecutionStatus status, String error, String workerId) {
        return new WorkerReport(Kind.TABLE_FINISHED, executionId, taskId, table, epoch, null, last, status, error,
                workerId);
    }

    public static WorkerReport finished(long executionId, long taskId, ExecutionStatus status, String error,
                                        String workerId) {
        return finished(executionId, taskId, null, status, error, workerId);
    }

    /** @param last the job's own last progress (a change stream's totals), or null */
    public static WorkerReport finished(long executionId, long taskId, ProgressEvent last, ExecutionStatus status,
                                        String error, String workerId) {
        return new WorkerReport(Kind.FINISHED, executionId, taskId, null, 0, null, last, status, error, workerId);
    }
}
