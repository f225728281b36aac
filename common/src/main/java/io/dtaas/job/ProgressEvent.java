package io.dtaas.job;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of an execution's progress, published while it runs and once at its end.
 *
 * @param status        the execution's state at this moment
 * @param processedRows rows written so far, all tables
 * @param rowsPerSecond average since the start
 * @param error         why it failed, when it did (names task, table and chunk)
 * @param cdc           a change stream's lag and rate ({@code cdc} executions only, else null)
 */
public record ProgressEvent(long executionId, long taskId, ExecutionStatus status, long processedRows, long bytes,
                            double rowsPerSecond, List<TableProgress> tables, String error, Instant at,
                            CdcMetrics cdc) {

    /** Progress without change-stream metrics (full loads; events from before the field existed). */
    public ProgressEvent(long executionId, long taskId, ExecutionStatus status, long processedRows, long bytes,
                         double rowsPerSecond, List<TableProgress> tables, String error, Instant at) {
        this(executionId, taskId, status, processedRows, bytes, rowsPerSecond, tables, error, at, null);
    }
}
