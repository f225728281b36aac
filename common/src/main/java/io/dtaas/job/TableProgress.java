package io.dtaas.job;

/**
 * Progress of one table in an execution.
 *
 * @param state {@code pending}, {@code running}, {@code completed} or {@code failed}
 */
public record TableProgress(String table, String state, long rows, long bytes, int chunksDone, int chunksTotal,
                            String error) {
}
