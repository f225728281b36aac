package io.dtaas.engine;

import java.util.Set;

/**
 * Remembers which chunks of a task's tables are committed, so a resumed run skips them. Keyed by the
 * table's plan fingerprint: a different plan (other chunk size, changed key range) starts the table over.
 */
public interface CheckpointStore {

    Set<Integer> completedChunks(long taskId, String table, String planFingerprint);

    void markCompleted(long taskId, String table, String planFingerprint, int chunkIndex, long rows);

    /** Forgets every checkpoint of the task: the next run starts from scratch. */
    void clear(long taskId);
}
