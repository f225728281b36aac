package io.dtaas.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Per-table requests for a change stream (issue 16), added by whoever receives them (an API thread standalone,
 * the control-stream listener on a worker) and taken by the engine thread between batches, each once.
 */
public final class TableCommandQueue {

    private final Queue<TableCommand> commands = new ConcurrentLinkedQueue<>();

    public void add(TableCommand command) {
        commands.add(command);
    }

    /** The requests added since the last call, in order. */
    public List<TableCommand> takeAll() {
        List<TableCommand> taken = new ArrayList<>();
        for (TableCommand c = commands.poll(); c != null; c = commands.poll()) {
            taken.add(c);
        }
        return taken;
    }
}
