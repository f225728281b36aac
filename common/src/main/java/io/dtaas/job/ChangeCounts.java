package io.dtaas.job;

/**
 * Changes a stream applied to one table in one execution, by kind: the streaming monitor's per-table
 * insert/update/delete figures.
 */
public record ChangeCounts(long inserts, long updates, long deletes) {

    public static final ChangeCounts NONE = new ChangeCounts(0, 0, 0);

    public ChangeCounts plus(long moreInserts, long moreUpdates, long moreDeletes) {
        return new ChangeCounts(inserts + moreInserts, updates + moreUpdates, deletes + moreDeletes);
    }
}
