package io.dtaas.controlplane.cluster;

import io.dtaas.controlplane.launch.ClusterMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Redis connection as a readiness check, registered only in distributed mode ({@code REDIS_URL} set), the only
 * mode that uses Redis. It replaces the Redis client's own check (disabled in application.properties), which is fixed at build
 * time and reported "UP" on a standalone instance that has no Redis at all.
 */
@ApplicationScoped
public class RedisConnectionHealth {

    /** The name the Redis client's own check had: probes and dashboards keep finding it. */
    public static final String NAME = "Redis connection health check";

    private final boolean configured;
    private final ClusterStreams cluster;
    private final HealthRegistry readiness;

    public RedisConnectionHealth(ClusterMode mode, ClusterStreams cluster, @Readiness HealthRegistry readiness) {
        this.configured = mode.distributed();
        this.cluster = cluster;
        this.readiness = readiness;
    }

    /** Whether this instance uses Redis at all (what the dashboard shows). */
    public boolean configured() {
        return configured;
    }

    void onStart(@Observes StartupEvent event) {
        if (configured) {
            // health checks are called on the event loop; a Redis call blocks, so it runs on a worker thread
            readiness.register(NAME, (AsyncHealthCheck) () -> Uni.createFrom().item(this::call)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        }
    }

    HealthCheckResponse call() {
        try {
            String answer = cluster.redis().execute("PING").toString();
            return HealthCheckResponse.named(NAME).up().withData("default", answer).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("default", "Redis does not answer: "
                    + e.getClass().getSimpleName()).build();
        }
    }
}
