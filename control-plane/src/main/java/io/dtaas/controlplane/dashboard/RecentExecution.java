package io.dtaas.controlplane.dashboard;

import java.time.Instant;

/**
 * An execution in the dashboard's recent-activity list, with its task's name.
 *
 * @param runNumber its number among its task's executions (#1, #2 ...); null for executions older than numbering
 */
public record RecentExecution(long id, long taskId, String taskName, String status, long processedRows,
                              Double rowsPerSecond, String errorMessage, Instant startedAt, Instant finishedAt,
                              Instant createdAt, Long runNumber) {
}
