package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.ControlMessage;
import io.dtaas.cluster.JobMessage;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.dispatch.JobDispatcher;
import io.dtaas.controlplane.execution.ExecutionRecorder;
import io.dtaas.controlplane.variable.ExecutionVariables;
import io.dtaas.data.TableRef;
import io.dtaas.error.DtaasException;
import io.dtaas.error.TransientError;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;
import io.dtaas.variables.VariableValueWire;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distributed mode: an execution becomes a plan job on the jobs stream, which a worker turns into one job per
 * table. Stop and pause go out on the control stream for running jobs, and stay in a key for jobs not yet
 * claimed; the outcome comes back as worker reports ({@link ProgressConsumer}).
 */
@ApplicationScoped
@Typed(RedisJobDispatcher.class)
public class RedisJobDispatcher implements JobDispatcher {

    private static final Logger LOG = Logger.getLogger(RedisJobDispatcher.class);
    /** Long enough for any queued job of the execution to be claimed and see it. */
    private static final Duration CONTROL_TTL = Duration.ofDays(7);

    private final ClusterStreams cluster;
    private final ConnectorService connectors;
    private final ExecutionVariables variables;
    private final ExecutionRecorder recorder;
    private final DispatchedJobs dispatched;

    public RedisJobDispatcher(ClusterStreams cluster, ConnectorService connectors, ExecutionVariables variables,
                              ExecutionRecorder recorder, DispatchedJobs dispatched) {
        this.cluster = cluster;
        this.connectors = connectors;
        this.variables = variables;
        this.recorder = recorder;
        this.dispatched = dispatched;
    }

    /**
     * Resolves the execution's variables here, once (a db_query runs on a worker through the gateway), records
     * them, and sends the job with its queries rendered, its variables' values and the rendered destination
     * fields; a variable that cannot be resolved fails the execution before any worker sees it.
     */
    @Override
    public void dispatch(JobSpec job) {
        JobSpec ready;
        try {
            ConnectorService.Resolved source = QuarkusTransaction.requiringNew().call(() -> connectors.resolve(job.sourceConnectorId()));
            ConnectorService.Resolved destination = QuarkusTransaction.requiringNew()
                    .call(() -> connectors.resolve(job.destinationConnectorId()));
            ExecutionVariables.Applied applied = variables.apply(job, source, destination, Instant.now());
            if (!applied.variables().values().isEmpty()) {
                recorder.variablesResolved(job.taskId(), job.executionId(), applied.variables().recorded());
            }
            Map<String, VariableValueWire> values = new LinkedHashMap<>();
            applied.variables().values().forEach((name, value) -> values.put(name, VariableValueWire.of(value)));
            ready = job.withInputs(applied.config(), values, ExecutionVariables.renderedFields(applied.destination()));
        } catch (DtaasException e) {
            recorder.finished(job.taskId(), job.executionId(), ExecutionStatus.FAILED,
                    "task " + job.taskName() + ": " + e.getMessage());
            return;
        }
        // recorded first: if Redis loses the job, the reconciler queues it again exactly as it was sent
        dispatched.store(ready);
        try {
            cluster.publish(cluster.keys().jobs(), JobMessage.plan(ready));
        } catch (RuntimeException e) {
            LOG.warnf("could not queue execution %d on Redis (%s); it is queued once Redis answers",
                    job.executionId(), e.getMessage());
        }
    }

    /**
     * Queues a job of the execution again (its entry was lost with Redis): the execution's plan or change-stream
     * job when {@code table} is null, else one table's job.
     */
    void redispatch(JobSpec job, TableRef table) {
        cluster.publish(cluster.keys().jobs(), table == null ? JobMessage.plan(job) : JobMessage.table(job, table));
    }

    /**
     * The stop is recorded ({@code stopping}) before this runs; if Redis cannot take the request now, the
     * reconciler delivers it once Redis answers, so the execution never stays {@code stopping}.
     */
    @Override
    public void stop(long executionId) {
        try {
            request(executionId, ControlMessage.Action.STOP);
        } catch (RuntimeException e) {
            LOG.warnf("could not send the stop of execution %d to the workers (%s); it is sent again once Redis answers",
                    executionId, e.getMessage());
        }
    }

    /** A pause is not recorded anywhere else, so a Redis that cannot take it is an error the caller sees (502). */
    @Override
    public void pause(long executionId) {
        try {
            request(executionId, ControlMessage.Action.PAUSE);
        } catch (RuntimeException e) {
            throw new TransientError("the pause could not reach the workers: Redis does not answer ("
                    + e.getMessage() + "); try again", e);
        }
    }

    /**
     * A per-table request (issue 16) goes out on the control stream to the worker running the execution's change
     * stream, which takes it between batches as standalone does. New settings (tables added or removed) are also
     * kept for the execution, in Redis and in its recorded job, so a worker that takes the stream over after a
     * crash follows the new tables too. A Redis that cannot take the request is an error the caller sees (502).
     */
    @Override
    public boolean tableCommand(long executionId, io.dtaas.engine.TableCommand command) {
        try {
            if (command instanceof io.dtaas.engine.TableCommand.Reconfigure r) {
                cluster.redis().value(String.class).psetex(cluster.keys().streamConfig(executionId),
                        CONTROL_TTL.toMillis(), cluster.json().write(r.config()));
                dispatched.find(executionId).ifPresent(job -> dispatched.store(job.withInputs(
                        r.config().withQueries(job.config().queries()), job.variables(), job.destinationOverrides())));
            }
            cluster.publish(cluster.keys().control(), ControlMessage.of(executionId, command));
            return true;
        } catch (RuntimeException e) {
            throw new TransientError("the request could not reach the workers: Redis does not answer ("
                    + e.getMessage() + "); try again", e);
        }
    }

    /** Sets the execution's stop key again (Redis may have lost it), for the workers' heartbeats to see. */
    void restateStop(long executionId) {
        cluster.redis().value(String.class).psetex(cluster.keys().control(executionId), CONTROL_TTL.toMillis(),
                ControlMessage.Action.STOP.wireName());
    }

    private void request(long executionId, ControlMessage.Action action) {
        cluster.redis().value(String.class).psetex(cluster.keys().control(executionId), CONTROL_TTL.toMillis(),
                action.wireName());
        cluster.publish(cluster.keys().control(), new ControlMessage(executionId, action));
    }
}
