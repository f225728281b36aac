package io.dtaas.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Who this worker is, how many jobs it runs at once (MAX_WORKERS) and how long its claims last without a
 * heartbeat. The id is unique per process, so a restarted worker never mistakes a dead twin's jobs for its own.
 */
@ApplicationScoped
public class WorkerInfo {

    private final String id;
    private final int slots;
    private final Duration lease;
    private final Optional<String> redisUrl;

    public WorkerInfo(@ConfigProperty(name = "dtaas.workers") int slots,
                      @ConfigProperty(name = "dtaas.worker.lease", defaultValue = "15s") Duration lease,
                      @ConfigProperty(name = "dtaas.redis.url") Optional<String> redisUrl) {
        if (slots < 1) {
            throw new IllegalArgumentException("MAX_WORKERS must be at least 1, got " + slots);
        }
        this.id = "worker-" + ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.slots = slots;
        this.lease = lease;
        this.redisUrl = redisUrl.filter(s -> !s.isBlank());
    }

    public String id() {
        return id;
    }

    public int slots() {
        return slots;
    }

    /** Idle time after which another worker reclaims this worker's jobs. */
    public Duration lease() {
        return lease;
    }

    /** How often the worker renews its claims: three beats per lease. */
    public Duration beat() {
        return lease.dividedBy(3);
    }

    public boolean redisConfigured() {
        return redisUrl.isPresent();
    }
}
