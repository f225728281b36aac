package io.dtaas.job;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param copied       a change stream's table (issue 16): rows its current online copy wrote so far; null otherwise
 * @param copyEstimate the rows the copy expects, read from the source when the copy started; null when unknown
 * @param copyPercent  0–99 while the table is copied ({@code copied} against {@code copyEstimate}), 100 once it
 *                     streams; null when not a change stream's table or the estimate is unknown
 * @param lagSeconds   a change stream's table: how far its target is behind the source (docs/cdc.md); null otherwise
 */
public record TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                            String error, long rowsRead, long rowsFiltered, String note,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long copied,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long copyEstimate,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer copyPercent,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double lagSeconds) {

    /** Progress without a change stream's per-table figures. */
    public TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                         String error, long rowsRead, long rowsFiltered, String note) {
        this(table, state, rows, bytes, chunksDone, chunksTotal, error, rowsRead, rowsFiltered, note, null, null,
                null, null);
    }

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
                rowsFiltered, note, copied, copyEstimate, copyPercent, lagSeconds);
    }

    /** The same progress with {@code note} (kept when a later state replaces this one). */
    public TableProgress withNote(String note) {
        return new TableProgress(table, state, rows, bytes, chunksDone, chunksTotal, error, rowsRead, rowsFiltered,
                note, copied, copyEstimate, copyPercent, lagSeconds);
    }
}
