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
    static final String TABLE_PHASES = "tables.json";

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
            Files.deleteIfExists(localDir.resolve(TABLE_PHASES));
        } catch (IOException e) {
            throw new SystemError("cannot reset the stream state in " + localDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void seed(String engineName, StreamOffset start) {
        OffsetSeed.write(offsetsFile(), engineName, start);
    }

    @Override
    public java.util.List<StreamOffset> committedOffsets() {
        return OffsetRecords.fromFile(offsetsFile());
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

    @Override
    public String tablePhases() {
        Path file = localDir.resolve(TABLE_PHASES);
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new SystemError("cannot read the tables' state in " + localDir + ": " + e.getMessage(), e);
        }
    }

    /** Written to a temporary file and moved over the old one, so a crash leaves one or the other whole. */
    @Override
    public void saveTablePhases(String json) {
        try {
            Files.createDirectories(localDir);
            Path tmp = localDir.resolve(TABLE_PHASES + ".tmp");
            Files.writeString(tmp, json);
            Files.move(tmp, localDir.resolve(TABLE_PHASES), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SystemError("cannot write the tables' state in " + localDir + ": " + e.getMessage(), e);
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
