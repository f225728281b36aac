package io.dtaas.job;

/**
 * Progress of one table in an execution.
 *
 * @param state {@code pending}, {@code running}, {@code completed}, {@code failed}, {@code interrupted}, or
 *              {@code skipped}: an earlier execution finished it (its rows shown, not counted as this one's)
 */
public record TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                            String error) {
}
