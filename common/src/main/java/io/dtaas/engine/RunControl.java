package io.dtaas.engine;

/**
 * How an execution is asked to end early. The engine checks between batches and chunks: on pause or stop
 * it finishes no new chunk, leaves committed chunks checkpointed, and returns.
 */
public interface RunControl {

    boolean stopRequested();

    boolean pauseRequested();

    /**
     * Per-table requests that arrived since the last call (a change stream takes them between batches); each is
     * returned once. Runs that have none, and full loads, ignore them.
     */
    default java.util.List<TableCommand> takeTableCommands() {
        return java.util.List.of();
    }

    /**
     * Waits {@code wait} (a retry's backoff) in short steps so a stop or pause is not held up by it.
     *
     * @return false when a stop or pause was requested (or the thread interrupted) meanwhile
     */
    default boolean sleep(java.time.Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
                if (stopRequested() || pauseRequested()) {
                    return false;
                }
                Thread.sleep(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopRequested() && !pauseRequested();
    }

    RunControl NONE = new RunControl() {
        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public boolean pauseRequested() {
            return false;
        }
    };
}
