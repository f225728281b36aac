package io.dtaas.connect;

import java.util.Locale;

/**
 * Recognises a stream whose position is gone from the source (the PostgreSQL slot was dropped, the MariaDB/MySQL
 * binlog holding the offset was purged) and says what happened and what to do: nothing but a resync can
 * continue such a task, because the changes in between are lost.
 */
public final class LostPosition {

    private LostPosition() {
    }

    /** The message for a PostgreSQL slot that is missing while the task has a stored position. */
    public static String slotDropped(long taskId, String slot) {
        return "the replication slot " + slot + " no longer exists on the PostgreSQL source, so the changes since the"
                + " last applied position are lost; resync the task (POST /api/tasks/" + taskId + "/resync) to reload"
                + " its tables and stream from the current position";
    }

    /** The message for a PostgreSQL slot the server invalidated ({@code wal_status = lost}): its WAL was removed. */
    public static String slotInvalidated(long taskId, String slot) {
        return "PostgreSQL invalidated the replication slot " + slot + " (wal_status = lost: it retained more WAL than"
                + " max_slot_wal_keep_size allows), so the changes since the last applied position are lost; resync the"
                + " task (POST /api/tasks/" + taskId + "/resync, or start it: a task marked for resync resyncs at its"
                + " next start) to stream from the current position, then reload its tables with a full_load";
    }

    /** The message for a MariaDB/MySQL offset whose binlog file was purged. */
    public static String binlogPurged(long taskId) {
        return "the binary log holding the task's position was purged on the source, so the changes since the last"
                + " applied position are lost; resync the task (POST /api/tasks/" + taskId + "/resync) to reload its"
                + " tables and stream from the current position, and keep binlogs longer (binlog_expire_logs_seconds)";
    }

    /** The message for a MariaDB/MySQL binlog file the stored offset needs that the server purged (periodic check). */
    public static String binlogFilePurged(long taskId, String file) {
        return "the source purged the binary log file " + file + " that holds the task's position (its binlog expiry"
                + " or a PURGE BINARY LOGS removed it while the task was not running), so the changes since the last"
                + " applied position are lost; resync the task (POST /api/tasks/" + taskId + "/resync, or start it: a"
                + " task marked for resync resyncs at its next start) to stream from the current position, then reload"
                + " its tables with a full_load, and keep binlogs longer (binlog_expire_logs_seconds)";
    }

    /** The message for a transaction log the source removed before the stream read it; {@code keep} says what to raise. */
    public static String logTruncated(long taskId, String keep) {
        return "the source no longer holds the log at the task's position, so the changes since the last applied"
                + " position are lost; resync the task (POST /api/tasks/" + taskId + "/resync) to reload its tables"
                + " and stream from the current position, and keep the log longer (" + keep + ")";
    }

    /** Whether {@code error} or one of its causes says any of {@code fragments} (compared in lower case). */
    public static boolean saidBy(Throwable error, String... fragments) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            for (String f : fragments) {
                if (m.contains(f)) {
                    return true;
                }
            }
        }
        return false;
    }
}
