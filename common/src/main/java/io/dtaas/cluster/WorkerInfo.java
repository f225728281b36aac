package io.dtaas.cluster;

import java.time.Instant;

/**
 * A worker as it describes itself in {@link ClusterKeys#workers()}.
 *
 * @param slots   jobs it runs at once (MAX_WORKERS)
 * @param running jobs it runs now
 */
public record WorkerInfo(String id, String host, long pid, int slots, int running, Instant startedAt, Instant lastSeen) {
}
