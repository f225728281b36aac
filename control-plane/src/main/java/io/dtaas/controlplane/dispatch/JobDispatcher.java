package io.dtaas.controlplane.dispatch;

import io.dtaas.job.JobSpec;

/**
 * Hands executions to whatever runs them and relays stop/pause requests. Called by the task state machine
 * after the transaction that created or changed the execution has committed, so a runner always finds the
 * execution row it is given. Every method returns at once; the outcome arrives as progress.
 */
public interface JobDispatcher {

    /** Queues one execution; it is recorded {@code running} when a worker takes it. */
    void dispatch(JobSpec job);

    /** Asks the execution to stop at the next batch boundary; a no-op when it already ended. */
    void stop(long executionId);

    /** Asks the execution to pause at the next batch boundary, keeping its checkpoints; a no-op when it ended. */
    void pause(long executionId);

    /**
     * Hands a per-table request (issue 16) to a queued or running change stream, taken between batches.
     *
     * @return false when this dispatcher cannot reach the execution with it (it ended)
     */
    default boolean tableCommand(long executionId, io.dtaas.engine.TableCommand command) {
        return false;
    }
}
