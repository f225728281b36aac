package io.dtaas.controlplane.engine;

import io.dtaas.cdc.StreamStates;
import io.dtaas.cdc.StreamState;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.variable.ExecutionVariables;
import io.dtaas.engine.CheckpointStore;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.ProgressSink;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.engine.RunControl;
import io.dtaas.engine.TransferRunner;
import io.dtaas.error.DtaasException;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;
import io.dtaas.runtime.ExecutionRuntime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;


import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Standalone mode's host of the {@link ExecutionRuntime}: loads the task's connectors (decrypting their settings
 * here, so jobs carry ids only), applies the variables resolved for the execution, opens source and destination,
 * and runs the execution with checkpoints in the metadata store and stream state as files in the data dir.
 */
@ApplicationScoped
public class EngineTransferRunner implements TransferRunner {

    private static final Logger LOG = Logger.getLogger(EngineTransferRunner.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    private final ConnectorService connectors;
    private final CheckpointStore checkpoints;
    private final ExecutionVariables variables;
    private final StreamStates states;

    public EngineTransferRunner(ConnectorService connectors, CheckpointStore checkpoints, ExecutionVariables variables,
                                StreamStates states) {
        this.connectors = connectors;
        this.checkpoints = checkpoints;
        this.variables = variables;
        this.states = states;
    }

    private record Ends(ConnectorService.Resolved source, ConnectorService.Resolved destination) {
    }

    @Override
    public ExecutionStatus run(JobSpec job, RunControl control, ProgressSink progress) {
        ProgressTracker tracker = new ProgressTracker(job.executionId(), job.taskId(), progress, PROGRESS_INTERVAL);
        try {
            Ends ends = QuarkusTransaction.requiringNew().call(() -> new Ends(
                    connectors.resolve(job.sourceConnectorId()), connectors.resolve(job.destinationConnectorId())));
            ExecutionVariables.Applied applied = variables.apply(job, ends.source(), ends.destination(), Instant.now());
            if (!applied.variables().values().isEmpty()) {
                progress.variablesResolved(job.taskId(), job.executionId(), applied.variables().recorded());
            }
            try (Source source = ends.source().connector().source(ends.source().values());
                 Destination destination = ends.destination().connector().destination(applied.destination())) {
                FullLoad.TaskContext task = new FullLoad.TaskContext(job.taskId(), job.taskName(),
                        applied.variables().asObjects());
                return ExecutionRuntime.run(
                        new ExecutionRuntime.Work(job.kind(), job.executionId(), applied.config(), task, null),
                        new ExecutionRuntime.Ends(ends.source().connector(), ends.source().values(), source, destination),
                        new ExecutionRuntime.State(checkpoints, stateOf(job)), control, tracker);
            }
        } catch (DtaasException e) {
            return fail(tracker, "task " + job.taskName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "execution %d of task %d failed unexpectedly, reference %s", job.executionId(), job.taskId(),
                    reference);
            return fail(tracker, "task " + job.taskName() + ": unexpected error; the server log has the details under "
                    + reference);
        }
    }

    /** Standalone: a stream's offsets, schema history and handoff marker are files under the data dir. */
    private StreamState stateOf(JobSpec job) {
        return states.of(job.taskId());
    }

    private static ExecutionStatus fail(ProgressTracker tracker, String error) {
        tracker.publishFinal(ExecutionStatus.FAILED, error);
        return ExecutionStatus.FAILED;
    }
}
