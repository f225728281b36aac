package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.ClusterKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;

/**
 * The control-plane's side of the Redis streams. The Redis client is looked up on first use, so a standalone
 * control-plane (no REDIS_URL) never creates one.
 */
@ApplicationScoped
public class ClusterStreams {

    private static final long MAXLEN = 100_000;

    private final Instance<RedisDataSource> redisLookup;
    private final ClusterJson json = new ClusterJson();
    private final ClusterKeys keys;
    private volatile RedisDataSource redis;

    public ClusterStreams(Instance<RedisDataSource> redisLookup, ClusterMode mode) {
        this.redisLookup = redisLookup;
        this.keys = mode.keys();
    }

    public ClusterKeys keys() {
        return keys;
    }

    public ClusterJson json() {
        return json;
    }

    public RedisDataSource redis() {
        RedisDataSource r = redis;
        if (r == null) {
            r = redisLookup.get();
            redis = r;
        }
        return r;
    }

    public StreamCommands<String, String, String> streams() {
        return redis().stream(String.class);
    }

    public void ensureGroup(String stream, String group) {
        try {
            streams().xgroupCreate(stream, group, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    public String publish(String stream, Object message) {
        return streams().xadd(stream, new XAddArgs().maxlen(MAXLEN).nearlyExactTrimming(),
                Map.of(ClusterKeys.FIELD, json.write(message)));
    }

    public <T> T decode(Map<String, String> payload, Class<T> type) {
        return json.read(payload.get(ClusterKeys.FIELD), type);
    }
}
