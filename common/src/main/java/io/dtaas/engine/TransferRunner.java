package io.dtaas.engine;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;

/**
 * Runs one execution to its end on the calling thread and says how it ended: {@link ExecutionStatus#COMPLETED},
 * {@code FAILED}, {@code STOPPED} or {@code PAUSED}. Progress, including the final snapshot, goes to the sink.
 * Never throws for a failed transfer: failure is an outcome.
 */
public interface TransferRunner {

    ExecutionStatus run(JobSpec job, RunControl control, ProgressSink progress);
}
