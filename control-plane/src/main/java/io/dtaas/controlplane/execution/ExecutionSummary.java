package io.dtaas.controlplane.execution;

import java.time.Instant;

/**
 * A task's latest execution in brief, shown on the task as {@code last_execution}.
 *
 * @param runNumber its number among the task's executions (#1, #2 ...); null for executions older than numbering
 */
public record ExecutionSummary(long id, String status, long processedRows, Double rowsPerSecond, Instant startedAt,
                               Instant finishedAt, String errorMessage, Long runNumber) {

    public static ExecutionSummary of(ExecutionEntity e) {
        return new ExecutionSummary(e.id, e.status, e.processedRows, e.rowsPerSecond, e.startedAt, e.finishedAt,
                e.errorMessage, e.runNumber);
    }
}
