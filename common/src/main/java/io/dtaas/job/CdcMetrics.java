package io.dtaas.job;

import java.time.Instant;

/**
 * A change stream's health, carried on {@link ProgressEvent}s of {@code cdc} executions.
 *
 * @param lagSeconds       seconds between the source commit time of the last applied change and its application
 *                         (null before the first change)
 * @param positionGapBytes PostgreSQL: WAL bytes between the server's current position and the slot's confirmed
 *                         position, read periodically; null for other sources or before the first reading
 * @param eventsPerSecond  changes applied per second over the last interval of about ten seconds
 * @param lastAppliedAt    when the last batch was committed downstream (null before the first)
 */
public record CdcMetrics(Double lagSeconds, Long positionGapBytes, double eventsPerSecond, Instant lastAppliedAt) {
}
