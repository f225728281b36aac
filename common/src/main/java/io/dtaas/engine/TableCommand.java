package io.dtaas.engine;

import io.dtaas.job.TransferConfig;

import java.util.List;

/**
 * A request about some tables of a running change stream (issue 16), handed to the execution through its
 * {@link RunControl} and taken between batches: the other tables keep streaming.
 */
public sealed interface TableCommand {

    /** The task's tables changed (PUT /api/tasks/{id}): new tables are backfilled, removed ones dropped. */
    record Reconfigure(TransferConfig config) implements TableCommand {
    }

    /** Re-copy these tables online (their targets are emptied and refilled while the others stream). */
    record Resync(List<String> tables) implements TableCommand {
    }

    /** Stop applying these tables' changes (nothing is held); resuming resyncs them. */
    record Pause(List<String> tables) implements TableCommand {
    }

    /** Bring paused or failed tables back: a resync of each. */
    record Resume(List<String> tables) implements TableCommand {
    }
}
