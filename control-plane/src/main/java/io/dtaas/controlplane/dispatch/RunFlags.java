package io.dtaas.controlplane.dispatch;

import io.dtaas.engine.RunControl;

/**
 * The stop and pause requests of one execution, written by API threads and polled by the engine thread
 * between batches; volatile is all the coordination a polled flag needs.
 */
final class RunFlags implements RunControl {

    private volatile boolean stop;
    private volatile boolean pause;
    /** Per-table requests for a change stream, taken between its batches (issue 16). */
    private final io.dtaas.engine.TableCommandQueue tableCommands = new io.dtaas.engine.TableCommandQueue();

    void tableCommand(io.dtaas.engine.TableCommand command) {
        tableCommands.add(command);
    }

    @Override
    public java.util.List<io.dtaas.engine.TableCommand> takeTableCommands() {
        return tableCommands.takeAll();
    }

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
