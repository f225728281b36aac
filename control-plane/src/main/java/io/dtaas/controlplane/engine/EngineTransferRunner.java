package io.dtaas.controlplane.engine;

import io.dtaas.engine.ProgressSink;
import io.dtaas.engine.RunControl;
import io.dtaas.engine.TransferRunner;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * The engine as the in-process dispatcher runs it. Until the transfer engine lands, every execution fails
 * at once and says why, so nothing pretends to have moved data. The engine replaces this body.
 */
@ApplicationScoped
public class EngineTransferRunner implements TransferRunner {

    static final String NOT_AVAILABLE = "transfer engine not available yet";

    @Override
    public ExecutionStatus run(JobSpec job, RunControl control, ProgressSink progress) {
        progress.publish(new ProgressEvent(job.executionId(), job.taskId(), ExecutionStatus.FAILED, 0, 0, 0, List.of(),
                NOT_AVAILABLE, Instant.now()));
        return ExecutionStatus.FAILED;
    }
}
