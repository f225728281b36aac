package io.dtaas.controlplane.execution;

/** A CDI event: an execution reached {@code completed} (fired after its transaction committed). */
public record ExecutionCompleted(long taskId, long executionId) {
}
