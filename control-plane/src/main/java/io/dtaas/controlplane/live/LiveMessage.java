package io.dtaas.controlplane.live;

import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;

import java.time.Instant;
import java.util.List;

/**
 * What {@code /ws} subscribers receive: one execution's progress (rows, rows/s, per-table state) as it runs,
 * and once more when it ends.
 *
 * @param type always {@code execution_progress} for now; clients should ignore types they do not know
 * @param retries transient failures the execution retried so far, as recorded; {@code last_retry_reason} the latest
 */
public record LiveMessage(String type, long executionId, long taskId, String status, long processedRows, long bytes,
                          double rowsPerSecond, List<TableProgress> tables, String error, Instant at,
                          io.dtaas.job.CdcMetrics cdc, int retries, String lastRetryReason) {

    public static LiveMessage of(ProgressEvent e) {
        return new LiveMessage("execution_progress", e.executionId(), e.taskId(), e.status().wireName(),
                e.processedRows(), e.bytes(), e.rowsPerSecond(), e.tables(), e.error(), e.at(), e.cdc(), e.retries(),
                e.lastRetryReason());
    }
}
