package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.ControlMessage;
import io.dtaas.cluster.JobMessage;
import io.dtaas.controlplane.dispatch.JobDispatcher;
import io.dtaas.job.JobSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.time.Duration;

/**
 * Distributed mode: an execution becomes a plan job on the jobs stream, which a worker turns into one job per
 * table. Stop and pause go out on the control stream for running jobs, and stay in a key for jobs not yet
 * claimed; the outcome comes back as worker reports ({@link ProgressConsumer}).
 */
@ApplicationScoped
@Typed(RedisJobDispatcher.class)
public class RedisJobDispatcher implements JobDispatcher {

    /** Long enough for any queued job of the execution to be claimed and see it. */
    private static final Duration CONTROL_TTL = Duration.ofDays(7);

    private final ClusterStreams cluster;

    public RedisJobDispatcher(ClusterStreams cluster) {
        this.cluster = cluster;
    }

    @Override
    public void dispatch(JobSpec job) {
        cluster.publish(cluster.keys().jobs(), JobMessage.plan(job));
    }

    @Override
    public void stop(long executionId) {
        request(executionId, ControlMessage.Action.STOP);
    }

    @Override
    public void pause(long executionId) {
        request(executionId, ControlMessage.Action.PAUSE);
    }

    private void request(long executionId, ControlMessage.Action action) {
        cluster.redis().value(String.class).psetex(cluster.keys().control(executionId), CONTROL_TTL.toMillis(),
                action.wireName());
        cluster.publish(cluster.keys().control(), new ControlMessage(executionId, action));
    }
}
