package io.dtaas.controlplane.task;

import java.time.Instant;

/**
 * The newest measurement of what a streaming task's source keeps of its log for it, whether the task runs or not
 * (docs/cdc.md, "Retained log").
 *
 * @param positionExists   whether the source still has the task's position (PostgreSQL: its slot exists;
 *                         MariaDB/MySQL: the binlog file of its committed offset is still on the server)
 * @param retainedBytes    log bytes the source keeps for the task; null when unknown
 * @param walStatus        PostgreSQL's wal_status of the slot (reserved, extended, unreserved, lost)
 * @param safeWalSizeBytes PostgreSQL's safe_wal_size: WAL that may still be written before the slot is in danger
 * @param oldestNeededFile MariaDB/MySQL: the binlog file holding the task's committed offset (null otherwise)
 * @param purgeInSeconds   MariaDB/MySQL: seconds until the server's binlog expiry may purge that file (null: never
 *                         expires, or not a binlog source)
 */
public record SourceRetention(boolean positionExists, Long retainedBytes, String walStatus, Long safeWalSizeBytes,
                              String oldestNeededFile, Long purgeInSeconds, Instant measuredAt) {
}
