package io.dtaas.worker;

import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.RedisTrouble;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;

/** The worker's Redis streams: JSON messages under one field, bounded lengths, groups created on demand. */
@ApplicationScoped
public class Streams {

    private static final Logger LOG = Logger.getLogger(Streams.class);

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

    /**
     * After {@code error}: when it says the stream's group is gone (Redis restarted empty), creates the group (and
     * the stream) again and logs it once.
     *
     * @return whether it recreated the group
     */
    public boolean recreateIfGone(RuntimeException error, String stream, String group) {
        if (!RedisTrouble.groupMissing(error)) {
            return false;
        }
        ensureGroup(stream, group);
        LOG.warnf("consumer group %s of %s was gone (Redis restarted empty?); recreated it", group, stream);
        return true;
    }

    /** Acknowledges a job's entry; one that Redis lost (restarted empty) has nothing left to acknowledge. */
    public void acknowledge(String stream, String group, String entryId) {
        try {
            streams.xack(stream, group, entryId);
        } catch (RuntimeException e) {
            LOG.warnf("could not acknowledge %s on %s (%s); it is settled from the metadata database", entryId, stream,
                    e.getMessage());
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
