package io.dtaas.connect;

/**
 * What a source keeps of its log for one stream, measured whether or not the stream runs
 * ({@link ChangeCapture#retainedLog}): a stopped, paused or failed task's slot keeps WAL all the same.
 *
 * @param positionExists   whether the source still has the stream's position (PostgreSQL: the slot exists)
 * @param retainedBytes    bytes of log kept for the stream (PostgreSQL: {@code pg_current_wal_lsn() -
 *                         confirmed_flush_lsn}); null when unknown
 * @param walStatus        PostgreSQL's {@code wal_status} of the slot ({@code reserved}, {@code extended},
 *                         {@code unreserved}, {@code lost}); null for other sources
 * @param safeWalSizeBytes PostgreSQL's {@code safe_wal_size}: bytes that can still be written before the slot is
 *                         in danger of being invalidated; null when unlimited or unknown
 */
public record RetainedLog(boolean positionExists, Long retainedBytes, String walStatus, Long safeWalSizeBytes) {

    /** PostgreSQL's {@code wal_status} of a slot whose WAL was removed: its position is gone for good. */
    public static final String LOST = "lost";

    public static final RetainedLog NO_POSITION = new RetainedLog(false, null, null, null);

    /** Whether the source invalidated the position although the slot is still there. */
    public boolean invalidated() {
        return positionExists && LOST.equals(walStatus);
    }
}
