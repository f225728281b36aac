package io.dtaas.controlplane.launch;

import io.dtaas.cluster.ClusterKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Standalone or distributed: with {@code REDIS_URL} set, executions and connector calls run on
 * transfer-workers fed by Redis Streams; without it, in this process.
 */
@ApplicationScoped
public class ClusterMode {

    private final boolean distributed;
    private final ClusterKeys keys;

    public ClusterMode(@ConfigProperty(name = "dtaas.redis.url") Optional<String> redisUrl,
                       @ConfigProperty(name = "dtaas.redis.prefix", defaultValue = "dtaas:") String prefix) {
        this.distributed = redisUrl.filter(s -> !s.isBlank()).isPresent();
        this.keys = new ClusterKeys(prefix);
    }

    public boolean distributed() {
        return distributed;
    }

    public ClusterKeys keys() {
        return keys;
    }
}
