package io.dtaas.worker;

import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.ClusterKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/** The worker's Redis streams: JSON messages under one field, bounded lengths, groups created on demand. */
@ApplicationScoped
public class Streams {

    /** Progress entries kept for late readers; the control-plane's group reads them within seconds. */
    private static final long PROGRESS_MAXLEN = 100_000;

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final ClusterJson json;
    private final ClusterKeys keys;

    public Streams(RedisDataSource redis, ClusterJson json,
                   @ConfigProperty(name = "dtaas.redis.prefix", defaultValue = "dtaas:") String prefix) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.json = json;
        this.keys = new ClusterKeys(prefix);
    }

    public ClusterKeys keys() {
        return keys;
    }

    public StreamCommands<String, String, String> commands() {
        return streams;
    }

    public RedisDataSource redis() {
        return redis;
    }

    /** Creates the consumer group (and the stream) unless it exists. */
    public void ensureGroup(String stream, String group) {
        try {
            streams.xgroupCreate(stream, group, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    public String publish(String stream, Object message) {
        return streams.xadd(stream, new XAddArgs().maxlen(PROGRESS_MAXLEN).nearlyExactTrimming(),
                Map.of(ClusterKeys.FIELD, json.write(message)));
    }

    public <T> T decode(Map<String, String> payload, Class<T> type) {
        return json.read(payload.get(ClusterKeys.FIELD), type);
    }

    public String encode(Object message) {
        return json.write(message);
    }
}
