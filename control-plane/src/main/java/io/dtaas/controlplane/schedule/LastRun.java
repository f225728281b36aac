package io.dtaas.controlplane.schedule;

import java.time.Instant;

/**
 * What the scheduler needs to know of a task's latest execution.
 *
 * @param consecutiveFailures how many of the newest executions failed in a row (0 when the latest did not)
 */
public record LastRun(Instant createdAt, String status, Instant finishedAt, int consecutiveFailures) {
}
