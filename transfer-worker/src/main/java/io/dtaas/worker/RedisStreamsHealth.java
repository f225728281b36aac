package io.dtaas.worker;

import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.RedisTrouble;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The worker's view of Redis on {@code /q/health} (and {@code /q/health/well}): DOWN with the reason when Redis
 * does not answer or the workers' consumer groups are missing (Redis restarted empty; the readers recreate them at
 * their next read). A wellness check: a worker whose Redis is in trouble keeps its running jobs, so probes must not
 * restart it.
 */
@Wellness
@ApplicationScoped
public class RedisStreamsHealth implements AsyncHealthCheck {

    private final WorkerInfo info;
    private final Streams streams;

    public RedisStreamsHealth(WorkerInfo info, Streams streams) {
        this.info = info;
        this.streams = streams;
    }

    /** Health checks are called on the event loop; Redis calls block, so they run on a worker thread. */
    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(this::check).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    HealthCheckResponse check() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("redis-streams");
        if (!info.redisConfigured()) {
            return health.down().withData("reason", "REDIS_URL is not set: this worker takes no jobs").build();
        }
        List<String> missing = new ArrayList<>();
        try {
            streams.redis().execute("PING");
            check(streams.keys().jobs(), missing);
            check(streams.keys().requests(), missing);
        } catch (RuntimeException e) {
            return health.down().withData("reason", "Redis does not answer: " + e.getMessage()).build();
        }
        if (!missing.isEmpty()) {
            return health.down().withData("reason", "consumer group(s) missing: " + String.join(", ", missing)
                    + " (Redis restarted empty?); recreated at the next read").build();
        }
        return health.up().build();
    }

    private void check(String stream, List<String> missing) {
        try {
            streams.commands().xpending(stream, ClusterKeys.WORKERS_GROUP);
        } catch (RuntimeException e) {
            if (!RedisTrouble.groupMissing(e)) {
                throw e;
            }
            missing.add(ClusterKeys.WORKERS_GROUP + " on " + stream);
        }
    }
}
