package io.dtaas.connect;

import java.util.List;

/**
 * What removing a stream's objects on the source did ({@link ChangeCapture#cleanUp}): what was dropped, and what
 * is left for someone to drop by hand, each with the statement to run.
 */
public record CaptureCleanup(List<String> dropped, List<String> leftOver) {

    public CaptureCleanup {
        dropped = List.copyOf(dropped);
        leftOver = List.copyOf(leftOver);
    }

    public static final CaptureCleanup NOTHING = new CaptureCleanup(List.of(), List.of());

    /** When the source connector itself is gone: what an operator should look for. */
    public static CaptureCleanup sourceUnknown(String streamId) {
        return new CaptureCleanup(List.of(), List.of("drop what the task's stream kept on its source, if anything: a "
                + "PostgreSQL source keeps a replication slot and a publication named " + streamId));
    }
}
