package io.dtaas.controlplane.task;

import java.time.Instant;

/**
 * One measurement in a task's retention history ({@code GET /api/tasks/{id}/retention}).
 *
 * @param measuredAt     when the periodic check measured
 * @param positionExists whether the source still had the task's position
 * @param retainedBytes  log bytes the source kept for the task; null when unknown (e.g. the binlog was purged)
 * @param safeWalSizeBytes PostgreSQL's safe_wal_size; null when unlimited or not PostgreSQL
 * @param purgeInSeconds MariaDB/MySQL: seconds until the binlog expiry may purge the oldest needed file
 */
public record RetentionPoint(Instant measuredAt, boolean positionExists, Long retainedBytes, Long safeWalSizeBytes,
                             Long purgeInSeconds) {
}
