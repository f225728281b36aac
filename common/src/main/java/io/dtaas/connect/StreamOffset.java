package io.dtaas.connect;

import java.util.Map;

/**
 * A source position as the Debezium connector stores its committed offset: the connector's source partition
 * and the offset itself. Written by the engine into the stream's offset store, wherever that lives.
 */
public record StreamOffset(Map<String, Object> partition, Map<String, Object> offset) {

    public StreamOffset {
        partition = Map.copyOf(partition);
        offset = Map.copyOf(offset);
    }
}
