package io.dtaas.engine;

/**
 * How an execution is asked to end early. The engine checks between batches and chunks: on pause or stop
 * it finishes no new chunk, leaves committed chunks checkpointed, and returns.
 */
public interface RunControl {

    boolean stopRequested();

    boolean pauseRequested();

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
