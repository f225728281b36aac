package io.dtaas.job;

/**
 * Progress of one table in an execution.
 *
 * @param state {@code pending}, {@code running}, {@code completed}, {@code failed}, {@code interrupted}, or
 *              {@code skipped}: an earlier execution finished it (its rows shown, not counted as this one's)
 * @param note  how the table was split when that is worth knowing, e.g. {@code "no primary key or unique integer
 *              column: read as one chunk"}; null otherwise
 */
public record TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                            String error, String note) {

    public TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                         String error) {
        this(table, state, rows, bytes, chunksDone, chunksTotal, error, null);
    }

    /** The same progress with {@code note} (kept when a later state replaces this one). */
    public TableProgress withNote(String note) {
        return new TableProgress(table, state, rows, bytes, chunksDone, chunksTotal, error, note);
    }
}
