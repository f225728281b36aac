package io.dtaas.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Who this worker is and how many jobs it runs at once. The Redis Streams consumer that feeds it jobs
 * arrives with distributed mode; until then the worker starts, reports health and waits.
 */
@ApplicationScoped
public class WorkerInfo {

    private final String id;
    private final int slots;
    private final Optional<String> redisUrl;

    public WorkerInfo(@ConfigProperty(name = "dtaas.workers") int slots,
                      @ConfigProperty(name = "dtaas.redis.url") Optional<String> redisUrl) {
        this.id = "worker-" + ManagementFactory.getRuntimeMXBean().getName();
        this.slots = slots;
        this.redisUrl = redisUrl.filter(s -> !s.isBlank());
    }

    public String id() {
        return id;
    }

    public int slots() {
        return slots;
    }

    public boolean redisConfigured() {
        return redisUrl.isPresent();
    }
}
