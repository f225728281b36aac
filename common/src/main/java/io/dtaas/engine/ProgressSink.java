package io.dtaas.engine;

import io.dtaas.job.ProgressEvent;

import java.util.Map;

/** Receives progress snapshots; called from engine threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressSink {

    void publish(ProgressEvent event);

    /**
     * The execution's variables, resolved once at its start before any row moves: called at most once, before
     * the final event, and only when the task uses variables.
     *
     * @param variables name to {@code {"value": ..., "value_type": ...}}, as the execution records them
     */
    default void variablesResolved(long taskId, long executionId, Map<String, Object> variables) {
    }

    /**
     * A transient failure is being retried (a chunk, a change batch): recorded on the execution so the user sees
     * what it rode through. Called from engine threads, once per retry, before the backoff.
     *
     * @param reason names the table and chunk (or batch) and the failure; never a secret
     */
    default void retrying(long taskId, long executionId, String reason) {
    }
}
