package io.dtaas.controlplane.alert;

import java.time.Instant;

/**
 * An alert as listed: what is (or was) wrong with a task, since when, and what to do.
 *
 * @param state open or resolved
 */
public record AlertView(long id, long taskId, String taskName, String kind, String state, Instant since,
                        String message, String action, Instant resolvedAt, Instant createdAt) {
}
