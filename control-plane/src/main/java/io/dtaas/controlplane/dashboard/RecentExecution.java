package io.dtaas.controlplane.dashboard;

import java.time.Instant;

/** An execution in the dashboard's recent-activity list, with its task's name. */
public record RecentExecution(long id, long taskId, String taskName, String status, long processedRows,
                              Double rowsPerSecond, String errorMessage, Instant startedAt, Instant finishedAt,
                              Instant createdAt) {
}
