package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import io.dtaas.error.SystemError;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream's committed offsets, and writes a handoff's start position as one, in the embedded engine's
 * {@code FileOffsetBackingStore} format: a serialized map from the JSON key {@code ["<engine name>", <partition>]}
 * to the JSON offset, so the engine's first start reads it as if it had committed it.
 */
final class OffsetSeed {

    /** The store writes a {@code HashMap<byte[], byte[]>}; anything else in the file is refused unread. */
    private static final java.io.ObjectInputFilter STORE_LAYOUT = info -> {
        Class<?> c = info.serialClass();
        if (info.depth() > 3) {
            return java.io.ObjectInputFilter.Status.REJECTED;
        }
        // HashMap checks its table size as a Map.Entry[] before reading its entries
        return c == null || c == HashMap.class || c == byte[].class || c == Map.Entry[].class
                ? java.io.ObjectInputFilter.Status.ALLOWED : java.io.ObjectInputFilter.Status.REJECTED;
    };

    private OffsetSeed() {
    }

    /** The committed offsets in the store file {@code offsets}; none when it does not exist yet. */
    static List<StreamOffset> read(Path offsets) {
        if (!Files.isRegularFile(offsets)) {
            return List.of();
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(offsets))) {
            in.setObjectInputFilter(STORE_LAYOUT); // a file in the data dir, still: nothing but the store's own shape
            Object raw = in.readObject();
            if (!(raw instanceof Map<?, ?> entries)) {
                return List.of();
            }
            Map<byte[], byte[]> bytes = new HashMap<>();
            entries.forEach((k, v) -> bytes.put((byte[]) k, (byte[]) v));
            return new OffsetCodec().decode(bytes);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new SystemError("cannot read the stream offset " + offsets + ": " + e.getMessage(), e);
        }
    }

    static void write(Path offsets, String engineName, StreamOffset start) {
        OffsetCodec codec = new OffsetCodec();
        HashMap<byte[], byte[]> raw = new HashMap<>();
        raw.put(codec.key(engineName, start), codec.value(engineName, start));
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
