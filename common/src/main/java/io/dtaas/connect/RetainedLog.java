package io.dtaas.connect;

import java.util.Optional;

/**
 * What a source keeps of its log for one stream, measured whether or not the stream runs
 * ({@link ChangeCapture#retainedLog}): a stopped, paused or failed task's slot keeps WAL all the same, and a
 * stopped MariaDB/MySQL task's binlog files are purged by the server's expiry whether the task needs them or not.
 *
 * @param positionExists   whether the source still has the stream's position (PostgreSQL: the slot exists;
 *                         MariaDB/MySQL: the binlog file of the committed offset is still on the server)
 * @param retainedBytes    bytes of log kept for the stream (PostgreSQL: {@code pg_current_wal_lsn() -
 *                         confirmed_flush_lsn}; MariaDB/MySQL: the binlog files from the offset's on, less its
 *                         position); null when unknown
 * @param walStatus        PostgreSQL's {@code wal_status} of the slot ({@code reserved}, {@code extended},
 *                         {@code unreserved}, {@code lost}); null for other sources
 * @param safeWalSizeBytes PostgreSQL's {@code safe_wal_size}: bytes that can still be written before the slot is
 *                         in danger of being invalidated; null when unlimited or unknown
 * @param oldestNeededFile MariaDB/MySQL: the binlog file of the committed offset, the oldest the stream needs;
 *                         null for other sources
 * @param purgeInSeconds   MariaDB/MySQL: seconds until the server's binlog expiry may purge that file (from the
 *                         offset's event time; 0 when it is already due); null when the server never expires
 *                         binlogs or the offset has no event time
 */
public record RetainedLog(boolean positionExists, Long retainedBytes, String walStatus, Long safeWalSizeBytes,
                          String oldestNeededFile, Long purgeInSeconds) {

    /** PostgreSQL's {@code wal_status} of a slot whose WAL was removed: its position is gone for good. */
    public static final String LOST = "lost";

    public static final RetainedLog NO_POSITION = new RetainedLog(false, null, null, null);

    /** A PostgreSQL slot's measurement. */
    public RetainedLog(boolean positionExists, Long retainedBytes, String walStatus, Long safeWalSizeBytes) {
        this(positionExists, retainedBytes, walStatus, safeWalSizeBytes, null, null);
    }

    /** Whether the source invalidated the position although the slot is still there. */
    public boolean invalidated() {
        return positionExists && LOST.equals(walStatus);
    }

    /**
     * Whether the source keeps this log because of the position (a PostgreSQL slot), so that dropping the position
     * frees it; binlog files are kept or purged by the server's expiry whatever a stream needs.
     */
    public boolean heldBySlot() {
        return oldestNeededFile == null;
    }

    /** Whether the binlog file the stored offset needs is no longer on the server. */
    public boolean purged() {
        return !positionExists && oldestNeededFile != null;
    }

    /**
     * Why the task's position is gone for good and what to do, when the measurement says so (an invalidated slot, a
     * purged binlog file); empty otherwise. A missing slot is not judged here: the stream creates it when it starts.
     */
    public Optional<String> lostReason(long taskId, String streamId) {
        if (invalidated()) {
            return Optional.of(LostPosition.slotInvalidated(taskId, streamId));
        }
        return purged() ? Optional.of(LostPosition.binlogFilePurged(taskId, oldestNeededFile)) : Optional.empty();
    }
}
