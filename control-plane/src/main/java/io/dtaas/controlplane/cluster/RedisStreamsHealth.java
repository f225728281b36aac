package io.dtaas.controlplane.cluster;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.cluster.ClusterKeys;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Distributed mode's Redis, as {@code /q/health} (and {@code /q/health/well}) shows it: DOWN with the reason when
 * Redis does not answer or a consumer group the cluster reads is missing (Redis restarted empty and nobody
 * recreated it yet), with when the groups were last recreated and how many lost jobs were queued again. A
 * wellness check, not a readiness one: the API stays served while Redis is in trouble, and probes do not restart
 * a control-plane that cannot fix Redis. Registered in distributed mode only: standalone has no Redis to report.
 */
@ApplicationScoped
public class RedisStreamsHealth {

    private final ClusterMode mode;
    private final ClusterStreams cluster;
    private final ProgressConsumer consumer;
    private final ExecutionReconciler reconciler;
    private final HealthRegistry wellness;

    public RedisStreamsHealth(ClusterMode mode, ClusterStreams cluster, ProgressConsumer consumer,
                              ExecutionReconciler reconciler, @Wellness HealthRegistry wellness) {
        this.mode = mode;
        this.cluster = cluster;
        this.consumer = consumer;
        this.reconciler = reconciler;
        this.wellness = wellness;
    }

    void onStart(@Observes StartupEvent event) {
        if (mode.distributed()) {
            // health checks are called on the event loop; Redis calls block, so they run on a worker thread
            wellness.register("redis-streams", (AsyncHealthCheck) () -> Uni.createFrom().item(this::call)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        }
    }

    HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("redis-streams");
        health.withData("requeued_jobs", reconciler.requeued());
        if (consumer.groupsRecreatedAt() != null) {
            health.withData("groups_recreated_at", consumer.groupsRecreatedAt().toString());
        }
        if (reconciler.lastPass() != null) {
            health.withData("last_reconciled_at", reconciler.lastPass().toString());
        }
        List<String> missing = new ArrayList<>();
        try {
            cluster.redis().execute("PING");
            ClusterKeys keys = cluster.keys();
            check(keys.progress(), ClusterKeys.PROGRESS_GROUP, missing);
            check(keys.jobs(), ClusterKeys.WORKERS_GROUP, missing);
            check(keys.requests(), ClusterKeys.WORKERS_GROUP, missing);
        } catch (RuntimeException e) {
            return health.down().withData("reason", "Redis does not answer: " + e.getMessage()).build();
        }
        if (!missing.isEmpty()) {
            return health.down().withData("reason", "consumer group(s) missing: " + String.join(", ", missing)
                    + " (Redis restarted empty?); control-plane and workers recreate them at their next read").build();
        }
        return health.up().build();
    }

    private void check(String stream, String group, List<String> missing) {
        if (!cluster.groupExists(stream, group)) {
            missing.add(group + " on " + stream);
        }
    }
}
