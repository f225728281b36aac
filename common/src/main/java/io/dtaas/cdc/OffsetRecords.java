package io.dtaas.cdc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.connect.StreamOffset;
import io.dtaas.error.SystemError;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream's committed offsets back from the engine's stores, the inverse of {@link OffsetSeed} and
 * {@link RedisStreamState#seed}: each entry maps the JSON key {@code ["<engine name>", <partition>]} to the JSON
 * offset. Used to tell how far a stream has applied (validation's consistent point) without the engine running.
 */
final class OffsetRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The file store is a serialized {@code HashMap<byte[], byte[]>}: nothing else is let in. */
    private static final ObjectInputFilter ONLY_BYTE_MAPS = ObjectInputFilter.Config.createFilter(
            "maxdepth=3;maxrefs=100000;java.util.HashMap;java.util.Map$Entry;[B;!*");

    private OffsetRecords() {
    }

    /** The offsets of {@code FileOffsetBackingStore}'s file; empty when the stream has not committed one yet. */
    static List<StreamOffset> fromFile(Path offsets) {
        if (!Files.isRegularFile(offsets)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(offsets); ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(ONLY_BYTE_MAPS);
            Object read = objects.readObject();
            Map<byte[], byte[]> raw = new HashMap<>();
            if (read instanceof Map<?, ?> map) {
                map.forEach((k, v) -> raw.put((byte[]) k, (byte[]) v));
            }
            return parse(raw);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new SystemError("cannot read the stream offsets " + offsets + ": " + e.getMessage(), e);
        }
    }

    /** Entries as the stores hold them, JSON key to JSON offset. */
    static List<StreamOffset> parse(Map<byte[], byte[]> raw) {
        List<StreamOffset> offsets = new ArrayList<>();
        try {
            for (Map.Entry<byte[], byte[]> e : raw.entrySet()) {
                List<Object> key = JSON.readValue(e.getKey(), new TypeReference<>() { });
                if (key.size() < 2 || !(key.get(1) instanceof Map<?, ?> partition) || e.getValue() == null) {
                    continue; // not a source partition's entry
                }
                Map<String, Object> offset = JSON.readValue(e.getValue(), new TypeReference<>() { });
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) partition;
                offsets.add(new StreamOffset(p, withoutNulls(offset)));
            }
        } catch (IOException e) {
            throw new SystemError("cannot parse the stream offsets: " + e.getMessage(), e);
        }
        return offsets;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> offset) {
        Map<String, Object> copy = new HashMap<>();
        offset.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
