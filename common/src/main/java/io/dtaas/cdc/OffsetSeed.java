package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import io.dtaas.error.SystemError;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a handoff's start position as a stream's committed offset in the embedded engine's
 * {@code FileOffsetBackingStore} format: a serialized map from the JSON key {@code ["<engine name>", <partition>]}
 * to the JSON offset, so the engine's first start reads it as if it had committed it.
 */
final class OffsetSeed {

    private OffsetSeed() {
    }

    static void write(Path offsets, String engineName, StreamOffset start) {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        byte[] key = json.fromConnectData(engineName, null, List.of(engineName, start.partition()));
        byte[] value = json.fromConnectData(engineName, null, start.offset());
        HashMap<byte[], byte[]> raw = new HashMap<>();
        raw.put(key, value);
        try {
            Files.createDirectories(offsets.getParent());
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(offsets))) {
                out.writeObject(raw);
            }
        } catch (IOException e) {
            throw new SystemError("cannot write the stream offset " + offsets + ": " + e.getMessage(), e);
        }
    }
}
