package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import io.dtaas.error.SystemError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/** A stream's state as files in its task's directory under the data dir (standalone mode). */
public record FileStreamState(Path localDir) implements StreamState {

    static final String HANDOFF_DONE = "handoff.done";

    @Override
    public void configure(Properties debezium, String streamId) {
        // DebeziumProperties and the capability already name this store's files
    }

    @Override
    public boolean hasOffsets() {
        return nonEmpty(offsetsFile());
    }

    @Override
    public boolean hasHistory() {
        return Files.exists(historyFile());
    }

    @Override
    public void clear() {
        try {
            Files.createDirectories(localDir);
            Files.deleteIfExists(offsetsFile());
            Files.deleteIfExists(historyFile());
            Files.deleteIfExists(localDir.resolve(HANDOFF_DONE));
        } catch (IOException e) {
            throw new SystemError("cannot reset the stream state in " + localDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void seed(String engineName, StreamOffset start) {
        OffsetSeed.write(offsetsFile(), engineName, start);
    }

    @Override
    public boolean handoffDone() {
        return Files.exists(localDir.resolve(HANDOFF_DONE));
    }

    @Override
    public void markHandoffDone() {
        try {
            Files.createDirectories(localDir);
            Files.writeString(localDir.resolve(HANDOFF_DONE), Instant.now().toString());
        } catch (IOException e) {
            throw new SystemError("cannot write the state of the handoff: " + e.getMessage(), e);
        }
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
