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
 * @param retries       transient failures retried so far (chunks and change batches; the execution's total once
 *                      the control-plane recorded it, else this process's own count)
 * @param lastRetryReason the failure behind the latest retry, or null
 */
public record ProgressEvent(long executionId, long taskId, ExecutionStatus status, long processedRows, long bytes,
                            double rowsPerSecond, List<TableProgress> tables, String error, Instant at,
                            CdcMetrics cdc, int retries, String lastRetryReason) {

    /** Progress without retries (events from before the fields existed, folded totals). */
    public ProgressEvent(long executionId, long taskId, ExecutionStatus status, long processedRows, long bytes,
                         double rowsPerSecond, List<TableProgress> tables, String error, Instant at,
                         CdcMetrics cdc) {
        this(executionId, taskId, status, processedRows, bytes, rowsPerSecond, tables, error, at, cdc, 0, null);
    }

    /** The same event with the execution's recorded retries. */
    public ProgressEvent withRetries(int count, String reason) {
        return new ProgressEvent(executionId, taskId, status, processedRows, bytes, rowsPerSecond, tables, error, at,
                cdc, count, reason);
    }

    /** Progress without change-stream metrics (full loads; events from before the field existed). */
    public ProgressEvent(long executionId, long taskId, ExecutionStatus status, long processedRows, long bytes,
                         double rowsPerSecond, List<TableProgress> tables, String error, Instant at) {
        this(executionId, taskId, status, processedRows, bytes, rowsPerSecond, tables, error, at, null);
    }
}
