package io.dtaas.validate;

import io.dtaas.error.TransientError;
import io.dtaas.validate.RowDigests.RowKey;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary files of a file target's comparison: {@code (key, digest)} records, written and read back in the
 * order they were written (a change log's fold depends on it), and their clean-up.
 */
final class DigestSpill {

    /** Where rows go while being spilled: a key and its row's digest. */
    @FunctionalInterface
    interface Sink {
        void accept(RowKey key, byte[] digest);
    }

    private DigestSpill() {
    }

    static void write(DataOutputStream out, RowKey key, byte[] digest) {
        try {
            byte[] rest = key.rest().getBytes(StandardCharsets.UTF_8);
            out.writeLong(key.lead());
            out.writeInt(rest.length);
            out.write(rest);
            out.write(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void read(Path spill, Sink sink) {
        if (!Files.exists(spill)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 16 * 1024))) {
            while (true) {
                long lead;
                try {
                    lead = in.readLong();
                } catch (EOFException end) {
                    return;
                }
                byte[] rest = new byte[in.readInt()];
                in.readFully(rest);
                byte[] digest = new byte[32];
                in.readFully(digest);
                sink.accept(new RowKey(lead, new String(rest, StandardCharsets.UTF_8)), digest);
            }
        } catch (IOException e) {
            throw new TransientError("cannot read validation's temporary files: " + e, e);
        }
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static void closeQuietly(DataOutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // reported when read back
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file
        }
    }

    static void deleteTree(Path dir) {
        try (var entries = Files.list(dir)) {
            entries.forEach(DigestSpill::deleteQuietly);
        } catch (IOException e) {
            // a temporary folder
        }
        deleteQuietly(dir);
    }
}
