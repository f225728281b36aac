package io.dtaas.controlplane.task;

import io.dtaas.controlplane.execution.ExecutionEntity;

import java.time.Instant;
import java.util.List;

/**
 * What the scheduler needs to know of a task's latest execution.
 *
 * @param consecutiveFailures how many of the newest executions failed in a row (0 when the latest did not)
 */
public record LastRun(Instant createdAt, String status, Instant finishedAt, int consecutiveFailures) {

    /** The task's latest run as the scheduler sees it, or null when it never ran. Call inside a transaction. */
    public static LastRun of(long taskId) {
        List<ExecutionEntity> recent = ExecutionEntity.<ExecutionEntity>find("taskId = ?1 order by id desc", taskId)
                .page(0, 20).list();
        if (recent.isEmpty()) {
            return null;
        }
        int failures = 0;
        while (failures < recent.size() && "failed".equals(recent.get(failures).status)) {
            failures++;
        }
        ExecutionEntity latest = recent.get(0);
        return new LastRun(latest.createdAt, latest.status, latest.finishedAt, failures);
    }
}
