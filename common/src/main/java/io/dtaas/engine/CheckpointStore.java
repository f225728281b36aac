package io.dtaas.engine;

import java.util.Set;

/**
 * Remembers which chunks of a task's tables are committed, so a resumed run skips them. Keyed by the
 * table's plan fingerprint: a different plan (other chunk size, changed key range) starts the table over.
 */
public interface CheckpointStore {

    Set<Integer> completedChunks(long taskId, String table, String planFingerprint);

    void markCompleted(long taskId, String table, String planFingerprint, int chunkIndex, long rows);

    /**
     * Rows of completed chunks that the current run counts as its own: those the same execution committed under
     * an earlier claim (a reclaimed or re-dispatched table job), so its totals stay exact. Chunks of an earlier
     * execution (a resume) are skipped but not counted, and stores that cannot tell count none.
     */
    default long rowsCarried(long taskId, String table, String planFingerprint) {
        return 0;
    }

    /**
     * Rows of every completed chunk of the plan, whichever run committed them: what a table an earlier execution
     * finished holds (shown as {@code skipped}, not counted as the resuming run's). 0 when the store cannot tell.
     */
    default long rowsDone(long taskId, String table, String planFingerprint) {
        return 0;
    }

    /** Forgets every checkpoint of the task: the next run starts from scratch. */
    void clear(long taskId);
}
