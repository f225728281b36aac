package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import org.apache.kafka.connect.json.JsonConverter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A stream's state in Redis (distributed mode), under the installation's key prefix: the offsets hash and the
 * schema history list of Debezium's Redis stores, and the handoff marker beside them. Whichever worker runs the
 * stream next reads the same state.
 */
public record RedisStreamState(RedisCdcStorage redis, String streamId, Path localDir) implements StreamState {

    @Override
    public void configure(Properties debezium, String streamId) {
        redis.configure(debezium, streamId);
    }

    @Override
    public boolean hasOffsets() {
        return redis.call(jedis -> jedis.exists(redis.offsetsKey(streamId)));
    }

    @Override
    public boolean hasHistory() {
        return redis.call(jedis -> jedis.exists(redis.historyKey(streamId)));
    }

    @Override
    public void clear() {
        redis.call(jedis -> jedis.del(redis.offsetsKey(streamId), redis.historyKey(streamId), handoffKey(), tablesKey()));
    }

    /** In the offset store's own layout: one hash field per source partition, JSON key to JSON offset. */
    @Override
    public void seed(String engineName, StreamOffset start) {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        byte[] key = json.fromConnectData(engineName, null, List.of(engineName, start.partition()));
        byte[] value = json.fromConnectData(engineName, null, start.offset());
        redis.call(jedis -> jedis.hset(redis.offsetsKey(streamId).getBytes(StandardCharsets.UTF_8), key, value));
    }

    @Override
    public List<StreamOffset> committedOffsets() {
        return OffsetRecords.parse(redis.call(jedis -> jedis.hgetAll(redis.offsetsKey(streamId)
                .getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public boolean handoffDone() {
        return redis.call(jedis -> jedis.exists(handoffKey()));
    }

    @Override
    public void markHandoffDone() {
        redis.call(jedis -> jedis.set(handoffKey(), Instant.now().toString()));
    }

    @Override
    public String tablePhases() {
        return redis.call(jedis -> jedis.get(tablesKey()));
    }

    @Override
    public void saveTablePhases(String json) {
        redis.call(jedis -> jedis.set(tablesKey(), json));
    }

    private String tablesKey() {
        return redis.keyPrefix() + "cdc:tables:" + streamId;
    }

    private String handoffKey() {
        return redis.keyPrefix() + "cdc:handoff:" + streamId;
    }
}
