package io.dtaas.cdc;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.util.Properties;

/**
 * Distributed mode: a stream's offsets and schema history live in Redis (Debezium's Redis stores) under the
 * installation's key prefix, so whichever worker runs the stream next resumes where the last one committed.
 */
public record RedisCdcStorage(String address, String user, String password, int database, String keyPrefix) {

    /** @param redisUrl {@code redis://[user:password@]host:port[/db]}, as REDIS_URL */
    public static RedisCdcStorage of(String redisUrl, String keyPrefix) {
        URI uri = URI.create(redisUrl);
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts.length == 2 && !parts[0].isEmpty() ? parts[0] : null;
            password = parts.length == 2 ? parts[1] : parts[0];
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        int db = path.isEmpty() ? 0 : Integer.parseInt(path);
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        return new RedisCdcStorage(uri.getHost() + ":" + port, user, password, db, keyPrefix);
    }

    /** Points the engine's offset store and schema history at Redis keys of this stream. */
    public void configure(Properties debezium, String streamId) {
        debezium.setProperty("offset.storage", "io.debezium.storage.redis.offset.RedisOffsetBackingStore");
        debezium.remove("offset.storage.file.filename");
        set(debezium, "offset.storage.", offsetsKey(streamId));
        if (debezium.containsKey("schema.history.internal")) {
            debezium.setProperty("schema.history.internal", "io.debezium.storage.redis.history.RedisSchemaHistory");
            debezium.remove("schema.history.internal.file.filename");
            set(debezium, "schema.history.internal.", historyKey(streamId));
        }
    }

    /** Runs {@code work} on a short connection to the same Redis the engine's stores use. */
    <T> T call(java.util.function.Function<Jedis, T> work) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().database(database)
                .connectionTimeoutMillis(5_000).socketTimeoutMillis(5_000);
        if (user != null) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        try (Jedis jedis = new Jedis(HostAndPort.from(address), config.build())) {
            return work.apply(jedis);
        }
    }

    String offsetsKey(String streamId) {
        return keyPrefix + "cdc:offsets:" + streamId;
    }

    String historyKey(String streamId) {
        return keyPrefix + "cdc:history:" + streamId;
    }

    private void set(Properties p, String prefix, String key) {
        p.setProperty(prefix + "redis.address", address);
        p.setProperty(prefix + "redis.key", key);
        p.setProperty(prefix + "redis.db.index", Integer.toString(database));
        if (user != null) {
            p.setProperty(prefix + "redis.user", user);
        }
        if (password != null) {
            p.setProperty(prefix + "redis.password", password);
        }
    }
}
