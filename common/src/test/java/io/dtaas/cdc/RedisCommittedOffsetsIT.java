package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed mode's side of the retained-log measurement: a worker reads a stream's committed offsets from the
 * shared Redis (the layout Debezium's Redis offset store writes), under a key prefix of this test's own; a resync's
 * clear forgets them.
 */
class RedisCommittedOffsetsIT {

    @Test
    void aSeededOffsetReadsBackFromRedisAndClearForgetsIt(@TempDir Path dir) {
        String prefix = "dtaas-h18m-offsets-" + System.nanoTime() + ":";
        StreamStates states = StreamStates.redis(RedisCdcStorage.of("redis://127.0.0.1:6379", prefix), dir);
        StreamState state = states.of(8);
        try {
            assertThat(state.committedOffsets()).isEmpty();
            StreamOffset offset = new StreamOffset(Map.of("server", "dtaas_task_8"),
                    Map.of("file", "bin.000012", "pos", 987L, "ts_sec", 1_796_000_000L));
            state.seed(CdcRun.streamId(8), offset);
            assertThat(states.of(8).committedOffsets()).containsExactly(offset);
            assertThat(states.of(9).committedOffsets()).as("another task's stream").isEmpty();
        } finally {
            state.clear();
        }
        assertThat(states.of(8).committedOffsets()).isEmpty();
        assertThat(state.hasOffsets()).isFalse();
    }
}
