package io.dtaas.connect;

import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.change.ChangeSinkSpec;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

/**
 * Receives tables from a full load. Created per job by {@link Connector#destination}; {@link #close()} runs
 * once at the end. Per table the engine calls {@link #prepare} once, then {@link #open} for each chunk (from
 * several threads at once), then {@link #complete} once after every chunk committed.
 */
public interface Destination extends AutoCloseable {

    /** Creates or checks the target table (or location) for rows shaped like {@code source}. */
    void prepare(TableSchema source, TableRef target, WriteMode mode);

    /**
     * The namespace (schema; the database where databases are namespaces) tables land in when the task names none,
     * or empty to keep the source's (file destinations, which use it as a path segment). Called once per run,
     * before {@code prepare}, on the run's thread; it may open a connection.
     */
    default java.util.Optional<String> defaultSchema() {
        return java.util.Optional.empty();
    }

    /**
     * Where rows for {@code target} land, as the user would look for them: the qualified table name, or for file
     * destinations the folder its files go into. Opens nothing; any thread.
     */
    default String location(TableRef target) {
        return target.toString();
    }

    /**
     * Like {@link #prepare(TableSchema, TableRef, WriteMode)}, for a run that continues an interrupted one:
     * what earlier runs committed (e.g. an overwrite's staging table) must be kept.
     */
    default void prepare(TableSchema source, TableRef target, WriteMode mode, boolean resuming) {
        prepare(source, target, mode);
    }

    ChunkWriter open(TableSchema source, TableRef target, Chunk chunk, WriteMode mode);

    /**
     * Whether a chunk's earlier attempts are replaced by the chunk's identity (its index in the plan) rather than
     * by deleting its key range, so that chunks without a key ({@link ChunkBounds.PageRange}) stay idempotent.
     * File destinations name their objects after the chunk; databases cannot tell one unkeyed chunk's rows from
     * another's, so they get such tables as one chunk.
     */
    default boolean replacesChunksByIdentity() {
        return false;
    }

    /** How this destination takes change streams ({@code cdc}, {@code full_load_then_cdc}); empty when it cannot. */
    default java.util.Optional<ChangeApplication> changeApplication() {
        return java.util.Optional.empty();
    }

    /**
     * This destination's change sink for a stream over the given tables: present exactly when
     * {@link #changeApplication()} is. Called once per stream, before it starts, on the run's thread.
     */
    default java.util.Optional<ChangeSink> changeSink(ChangeSinkSpec spec) {
        return java.util.Optional.empty();
    }

    /**
     * The run was stopped (not paused): drops what only a resume would have used, such as an overwrite's staging
     * table, and leaves the target as it was. Called at most once per table after its chunks ended, on the run's
     * thread; the default has nothing to drop.
     */
    default void abandon(TableRef target, WriteMode mode) {
    }

    /** Finishes the table: e.g. swaps in the new table for {@link WriteMode#OVERWRITE}. */
    default void complete(TableSchema source, TableRef target, WriteMode mode) {
    }

    @Override
    void close();

    /** Tables kept as files, to be read back by validation; empty for databases (they compare with checksums). */
    default java.util.Optional<StoredFiles> storedFiles() {
        return java.util.Optional.empty();
    }
}
