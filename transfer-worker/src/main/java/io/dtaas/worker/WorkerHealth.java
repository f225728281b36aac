package io.dtaas.worker;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness with the worker's identity and capacity, for orchestrators and operators. */
@Liveness
public class WorkerHealth implements HealthCheck {

    private final WorkerInfo info;

    public WorkerHealth(WorkerInfo info) {
        this.info = info;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("transfer-worker").up()
                .withData("worker_id", info.id())
                .withData("slots", info.slots())
                .withData("redis_configured", info.redisConfigured())
                .build();
    }
}
