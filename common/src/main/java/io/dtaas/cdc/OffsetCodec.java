package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The layout in which Debezium's offset stores (file and Redis alike) keep a stream's committed offsets: one entry per
 * source partition, the JSON key {@code ["<engine name>", <partition>]} to the JSON offset. Written when a handoff
 * seeds a start position, read when the control-plane measures what the source still keeps for a stream.
 */
final class OffsetCodec {

    private final JsonConverter json = new JsonConverter();

    OffsetCodec() {
        json.configure(Map.of("schemas.enable", "false"), false);
    }

    byte[] key(String engineName, StreamOffset offset) {
        return json.fromConnectData(engineName, null, List.of(engineName, offset.partition()));
    }

    byte[] value(String engineName, StreamOffset offset) {
        return json.fromConnectData(engineName, null, offset.offset());
    }

    /** The committed offsets among {@code raw} entries; entries of another shape (none expected) are skipped. */
    List<StreamOffset> decode(Map<byte[], byte[]> raw) {
        List<StreamOffset> found = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : raw.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue; // a null value is a removed partition
            }
            SchemaAndValue key = json.toConnectData("", e.getKey());
            SchemaAndValue value = json.toConnectData("", e.getValue());
            if (key.value() instanceof List<?> parts && parts.size() == 2 && parts.get(1) instanceof Map<?, ?> partition
                    && value.value() instanceof Map<?, ?> offset) {
                found.add(new StreamOffset(stringKeys(partition), stringKeys(offset)));
            }
        }
        return found;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(String.valueOf(k), v);
            }
        });
        return copy;
    }
}
