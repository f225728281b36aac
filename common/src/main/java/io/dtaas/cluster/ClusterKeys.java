package io.dtaas.cluster;

/**
 * Redis keys of distributed mode (docs/architecture.md, "Distributed mode"), all under one prefix
 * ({@code dtaas.redis.prefix}, default {@code dtaas:}) so several installations or test runs can share a
 * Redis. Streams carry JSON text under one field, {@link #FIELD}; payloads carry ids, never secrets
 * (connection settings travel sealed with the master key).
 */
public record ClusterKeys(String prefix) {

    public static final String FIELD = "m";
    /** Consumer group of the workers on {@link #jobs()} and {@link #requests()}. */
    public static final String WORKERS_GROUP = "workers";
    /** Consumer group of the control-plane on {@link #progress()}. */
    public static final String PROGRESS_GROUP = "control-plane";

    public ClusterKeys {
        if (prefix == null || prefix.isBlank()) {
            prefix = "dtaas:";
        }
    }

    /** Jobs: plan an execution, or load one of its tables. */
    public String jobs() {
        return prefix + "jobs";
    }

    /** Short request/reply jobs of the connector gateway (check, browse). */
    public String requests() {
        return prefix + "requests";
    }

    /** Stop and pause requests, read by every worker (no group). */
    public String control() {
        return prefix + "control";
    }

    /** Workers' reports to the control-plane. */
    public String progress() {
        return prefix + "progress";
    }

    /** Registry of workers: hash worker id → {@link WorkerInfo} JSON; liveness is {@link #workerAlive}. */
    public String workers() {
        return prefix + "workers";
    }

    /** Present while the worker heartbeats; expires one lease after its last beat. */
    public String workerAlive(String workerId) {
        return prefix + "worker:" + workerId;
    }

    /** The stop or pause requested for an execution, for workers that claim its jobs later. */
    public String control(long executionId) {
        return prefix + "control:" + executionId;
    }

    /**
     * The task settings a running change stream was last reconfigured with (its tables changed while it ran):
     * a worker that takes the stream over (the first one died) starts from these rather than the job's.
     */
    public String streamConfig(long executionId) {
        return prefix + "control:" + executionId + ":config";
    }

    /** Where a worker pushes the reply to gateway request {@code requestId}. */
    public String reply(String requestId) {
        return prefix + "reply:" + requestId;
    }
}
