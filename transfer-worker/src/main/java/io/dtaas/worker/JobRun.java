package io.dtaas.worker;

import io.dtaas.cluster.JobMessage;
import io.dtaas.data.TableRef;
import io.dtaas.engine.RunControl;

/**
 * One job this worker runs: its stream entry, the table and epoch it holds, and the requests polled by the
 * engine between batches. Losing the lease or handing the job back (shutdown) also ends the run early.
 */
final class JobRun implements RunControl {

    private final String entryId;
    private final JobMessage message;
    private volatile long epoch;
    private volatile String leaseKey;
    private volatile boolean stop;
    private volatile boolean pause;
    private volatile boolean leaseLost;
    private volatile boolean handOff;
    private final io.dtaas.engine.TableCommandQueue tableCommands = new io.dtaas.engine.TableCommandQueue();

    JobRun(String entryId, JobMessage message) {
        this.entryId = entryId;
        this.message = message;
    }

    String entryId() {
        return entryId;
    }

    JobMessage message() {
        return message;
    }

    long executionId() {
        return message.job().executionId();
    }

    TableRef table() {
        return message.table();
    }

    long epoch() {
        return epoch;
    }

    /** The lease this job holds: its table's name, or the change stream's key. */
    String leaseKey() {
        return leaseKey;
    }

    void claimed(String leaseKey, long epoch) {
        this.leaseKey = leaseKey;
        this.epoch = epoch;
    }

    void requestStop() {
        stop = true;
    }

    void requestPause() {
        pause = true;
    }

    /** A per-table request for the change stream this job runs, taken by the engine between batches. */
    void tableCommand(io.dtaas.engine.TableCommand command) {
        tableCommands.add(command);
    }

    /** Another worker holds the table now: end quietly, report nothing, acknowledge nothing. */
    void loseLease() {
        leaseLost = true;
    }

    /** This worker shuts down: end at the next batch and put the job back for another worker. */
    void handOff() {
        handOff = true;
    }

    /** Whether a user asked the execution to stop or pause. */
    boolean endRequested() {
        return stop || pause;
    }

    boolean leaseLost() {
        return leaseLost;
    }

    boolean handingOff() {
        return handOff;
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    @Override
    public boolean pauseRequested() {
        return pause || leaseLost || handOff;
    }

    @Override
    public java.util.List<io.dtaas.engine.TableCommand> takeTableCommands() {
        return tableCommands.takeAll();
    }
}
