package io.dtaas.controlplane.dispatch;

import io.dtaas.engine.ProgressSink;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;

/**
 * Where a dispatcher reports an execution's life. For one execution: {@link #started} at most once when a
 * worker takes it, then the runner's progress, then {@link #finished} exactly once, whatever happened
 * (also when it never started because a stop or pause came first). Called from worker threads.
 */
public interface ExecutionReporter extends ProgressSink {

    void started(JobSpec job);

    /**
     * @param status how the runner said it ended; a runner's own final progress event, when it sent one, wins
     * @param error  why it failed when the runner could not say so itself, else null
     */
    void finished(JobSpec job, ExecutionStatus status, String error);
}
