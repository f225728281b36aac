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
 */
public record ProgressEvent(long executionId, long taskId, ExecutionStatus status, long processedRows, long bytes,
                            double rowsPerSecond, List<TableProgress> tables, String error, Instant at) {
}
