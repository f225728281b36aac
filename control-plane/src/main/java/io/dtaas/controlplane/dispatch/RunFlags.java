package io.dtaas.controlplane.dispatch;

import io.dtaas.engine.RunControl;

/**
 * The stop and pause requests of one execution, written by API threads and polled by the engine thread
 * between batches; volatile is all the coordination a polled flag needs.
 */
final class RunFlags implements RunControl {

    private volatile boolean stop;
    private volatile boolean pause;

    void requestStop() {
        stop = true;
    }

    void requestPause() {
        pause = true;
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    @Override
    public boolean pauseRequested() {
        return pause;
    }
}
