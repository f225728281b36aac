package io.dtaas.controlplane.cluster;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.RedisTrouble;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * After {@code error}: when it says the stream's group is gone (Redis restarted empty), creates the group (and
     * the stream) again.
     *
     * @return whether it recreated the group
     */
    public boolean recreateIfGone(RuntimeException error, String stream, String group) {
        if (!RedisTrouble.groupMissing(error)) {
            return false;
        }
        ensureGroup(stream, group);
        return true;
    }

    /** Whether {@code group} exists on {@code stream}; false also when the stream itself is gone. */
    public boolean groupExists(String stream, String group) {
        try {
            streams().xpending(stream, group);
            return true;
        } catch (RuntimeException e) {
            if (RedisTrouble.groupMissing(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Entries of {@code stream} pending in {@code group}: delivered to a consumer, not acknowledged. */
    public Set<String> pendingIds(String stream, String group) {
        Set<String> ids = new HashSet<>();
        try {
            streams().xpending(stream, group, StreamRange.of("-", "+"), 100_000).forEach(p -> ids.add(p.getMessageId()));
        } catch (RuntimeException e) {
            if (!RedisTrouble.groupMissing(e)) {
                throw e;
            }
        }
        return ids;
    }

    /**
     * The id of the last entry delivered to {@code group} ({@code XINFO GROUPS}), or empty when the group does not
     * exist: then every entry of the stream is still to be delivered (groups are created at {@code 0}).
     */
    public Optional<String> lastDelivered(String stream, String group) {
        Response groups;
        try {
            groups = redis().execute("XINFO", "GROUPS", stream);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("no such key")) {
                return Optional.empty();
            }
            throw e;
        }
        if (groups == null) {
            return Optional.empty();
        }
        for (Response g : groups) {
            if (group.equals(field(g, "name"))) {
                return Optional.ofNullable(field(g, "last-delivered-id"));
            }
        }
        return Optional.empty();
    }

    /** A field of an XINFO entry, as a RESP3 map or a RESP2 flat key/value array. */
    private static String field(Response entry, String name) {
        if (entry.isMap()) {
            Response v = entry.get(name);
            return v == null ? null : v.toString();
        }
        for (int i = 0; i + 1 < entry.size(); i += 2) {
            if (name.equals(entry.get(i).toString())) {
                Response v = entry.get(i + 1);
                return v == null ? null : v.toString();
            }
        }
        return null;
    }

    /** The entries of {@code stream} between {@code from} and {@code to} (inclusive, or {@code (id} exclusive). */
    public List<StreamMessage<String, String, String>> range(String stream, String from, String to) {
        List<StreamMessage<String, String, String>> all = new ArrayList<>();
        String start = from;
        while (true) {
            List<StreamMessage<String, String, String>> page = streams().xrange(stream, StreamRange.of(start, to), 1000);
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
            start = "(" + page.get(page.size() - 1).id();
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
