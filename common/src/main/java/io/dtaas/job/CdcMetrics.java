package io.dtaas.job;

import java.time.Instant;
import java.util.Map;

/**
 * A change stream's health, carried on {@link ProgressEvent}s of {@code cdc} executions.
 *
 * @param lagSeconds       seconds since the stream was last known to be caught up: the source commit time of the
 *                         newest applied change, or the last heartbeat with nothing waiting (grows while stalled)
 * @param positionGapBytes PostgreSQL: WAL bytes between the server's current position and the slot's confirmed
 *                         position, read periodically; null for other sources or before the first reading
 * @param eventsPerSecond  changes applied per second over the last interval of about ten seconds
 * @param lastAppliedAt    when the last batch was committed downstream (null before the first)
 * @param changes          per source table ({@code schema.table}), the inserts, updates and deletes this execution
 *                         applied; empty before the first change
 */
public record CdcMetrics(Double lagSeconds, Long positionGapBytes, double eventsPerSecond, Instant lastAppliedAt,
                         Map<String, ChangeCounts> changes) {

    public CdcMetrics {
        changes = changes == null ? Map.of() : Map.copyOf(changes);
    }

    /** Metrics without per-table counts (events from before the field existed). */
    public CdcMetrics(Double lagSeconds, Long positionGapBytes, double eventsPerSecond, Instant lastAppliedAt) {
        this(lagSeconds, positionGapBytes, eventsPerSecond, lastAppliedAt, Map.of());
    }
}
