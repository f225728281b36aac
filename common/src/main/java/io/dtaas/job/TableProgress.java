package io.dtaas.job;

/**
 * Progress of one table in an execution.
 *
 * @param state {@code pending}, {@code running}, {@code completed}, {@code failed}, {@code interrupted}, or
 *              {@code skipped}: an earlier execution finished it (its rows shown, not counted as this one's)
 * @param rows  rows written to the target
 * @param rowsRead     rows read from the source by the chunks this execution committed (0 when not counted:
 *                     change streams, chunks of earlier executions)
 * @param rowsFiltered of those, rows a transformation dropped (read minus written)
 * @param note  how the table was split when that is worth knowing, e.g. {@code "no primary key or unique integer
 *              column: read as one chunk"}; null otherwise
 */
public record TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                            String error, long rowsRead, long rowsFiltered, String note) {

    /** Progress without read/filtered counts (stored before they existed, distributed table reports). */
    public TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                         String error) {
        this(table, state, rows, bytes, chunksDone, chunksTotal, error, 0, 0, null);
    }

    /** Progress with read/filtered counts and no note. */
    public TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                         String error, long rowsRead, long rowsFiltered) {
        this(table, state, rows, bytes, chunksDone, chunksTotal, error, rowsRead, rowsFiltered, null);
    }

    /** Progress with a note and no read/filtered counts. */
    public TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                         String error, String note) {
        this(table, state, rows, bytes, chunksDone, chunksTotal, error, 0, 0, note);
    }

    /** The same counters in another state, with another error. */
    public TableProgress withState(String newState, String newError) {
        return new TableProgress(table, newState, rows, bytes, chunksDone, chunksTotal, newError, rowsRead,
                rowsFiltered, note);
    }

    /** The same progress with {@code note} (kept when a later state replaces this one). */
    public TableProgress withNote(String note) {
        return new TableProgress(table, state, rows, bytes, chunksDone, chunksTotal, error, rowsRead, rowsFiltered,
                note);
    }
}
