package io.dtaas.job;

/**
 * What a worker needs to run one execution. It carries ids, never secrets: the runner loads the connectors
 * (and decrypts their settings) itself.
 *
 * @param epoch fencing token: a worker only commits progress for the epoch it was given
 */
public record JobSpec(long executionId, long taskId, String taskName, JobKind kind, long sourceConnectorId,
                      long destinationConnectorId, TransferConfig config, long epoch) {
}
