package io.dtaas.cdc;

import java.util.Locale;
import java.util.Optional;

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

    /** The message for a MariaDB/MySQL offset whose binlog file was purged. */
    public static String binlogPurged(long taskId) {
        return "the binary log holding the task's position was purged on the source, so the changes since the last"
                + " applied position are lost; resync the task (POST /api/tasks/" + taskId + "/resync) to reload its"
                + " tables and stream from the current position, and keep binlogs longer (binlog_expire_logs_seconds)";
    }

    /** The clear message when {@code error} (or a cause) says the source no longer has the stream's position. */
    public static Optional<String> explain(Throwable error, String sourceType, long taskId) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            boolean gone = m.contains("no longer available on the server")
                    || m.contains("could not find first log file name in binary log index file")
                    || m.contains("replication slot") && m.contains("does not exist");
            if (gone) {
                return Optional.of("postgresql".equals(sourceType) ? slotDropped(taskId, CdcRun.streamId(taskId))
                        : binlogPurged(taskId));
            }
        }
        return Optional.empty();
    }
}
