package io.dtaas.metadata;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TableProgress;

/**
 * One table of an execution's recorded plan ({@code execution_tables}), with its final report once it has one.
 *
 * @param position     the table's place in the plan
 * @param state        as shown in {@code table_progress}: pending, running, completed, failed, interrupted
 * @param outcome      how the table's job ended (completed, failed, stopped, paused); null while unfinished
 * @param epoch        the fencing epoch of the claim that last ran or ended the table
 * @param redispatched how often the control-plane queued the table again after its job was lost
 */
public record ExecutionTable(String table, int position, String state, ExecutionStatus outcome, long rows, long bytes,
                             int chunksDone, int chunksTotal, String error, long epoch, int redispatched) {

    public boolean finished() {
        return outcome != null;
    }

    public TableProgress progress() {
        return new TableProgress(table, state, rows, bytes, chunksDone, chunksTotal, error);
    }

    /**
     * The state a final table shows: what its last progress said when that was an end state, else what its
     * outcome means (a stopped or paused table was interrupted). Never {@code running} or {@code pending}.
     */
    public static String finalState(ExecutionStatus outcome, TableProgress last) {
        String reported = last == null ? null : last.state();
        if ("completed".equals(reported) || "failed".equals(reported) || "interrupted".equals(reported)
                || "skipped".equals(reported)) {
            return reported;
        }
        return switch (outcome) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case STOPPED, PAUSED, STOPPING, RUNNING, QUEUED, IDLE -> "interrupted";
        };
    }
}
