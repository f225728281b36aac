package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a task's change stream keeps what lets it continue exactly: the committed offsets, the schema history
 * (sources that keep one), and whether a {@code full_load_then_cdc} load has handed over. Files in the data dir
 * in standalone mode ({@link FileStreamState}); Redis in distributed mode ({@link RedisStreamState}), so the worker
 * that takes a stream over finds it where the last one left it. Used by one execution thread at a time.
 */
public sealed interface StreamState permits FileStreamState, RedisStreamState {

    /** A directory for files the engine needs locally whatever the store (never the state itself in Redis). */
    Path localDir();

    /** Points the Debezium engine's offset store and schema history here (after the capability's settings). */
    void configure(Properties debezium, String streamId);

    boolean hasOffsets();

    boolean hasHistory();

    /** Forgets offsets, history and the handoff marker: an unfinished handoff is redone from scratch. */
    void clear();

    /** Makes {@code start} the stream's committed offset, as if the engine {@code engineName} had committed it. */
    void seed(String engineName, StreamOffset start);

    boolean handoffDone();

    /**
     * The offsets the stream has committed (one per source partition; empty before its first commit), read without
     * the engine: how far the target has the source's changes, since offsets are committed only after a batch is
     * applied downstream. May be called from another thread while the stream runs: the file store rewrites its file
     * in place, so a read that meets a half-written file fails (a {@link io.dtaas.error.SystemError}); try again.
     */
    java.util.List<StreamOffset> committedOffsets();

    /** Each table's lifecycle as {@link TablePhases} wrote it (JSON), or null before the first save. */
    String tablePhases();

    /** Replaces the tables' lifecycle record; written before the batch whose offsets depend on it is committed. */
    void saveTablePhases(String json);

    void markHandoffDone();

    /** The offsets file a file store uses (Redis stores ignore it). */
    default Path offsetsFile() {
        return localDir().resolve("offsets.dat");
    }

    /** The schema history file a file store uses (Redis stores ignore it). */
    default Path historyFile() {
        return localDir().resolve("schema-history.dat");
    }
}
