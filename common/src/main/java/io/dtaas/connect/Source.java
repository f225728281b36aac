package io.dtaas.connect;

import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.util.List;

/**
 * Reads tables for a full load. Created per job by {@link Connector#source}; {@link #close()} runs once at
 * the end of the job. {@link #describe} and {@link #plan} are called by the engine's coordinating thread;
 * {@link #read} may be called from several threads at once (one chunk each), and each returned stream is
 * used by one thread only.
 */
public interface Source extends AutoCloseable {

    /** The source's default schema, for tables named without one. */
    String defaultSchema();

    /** The tables (not views) of a schema, for resolving patterns such as {@code sales.*}. */
    List<TableRef> tables(String schema);

    /** @throws io.dtaas.error.NotFoundError when the table does not exist */
    TableSchema describe(TableRef table);

    /**
     * The shape of a custom SELECT's result, to be moved as table {@code name} (no primary key).
     *
     * @throws io.dtaas.error.ConfigError naming {@code config.queries} when it is not a single SELECT or fails
     */
    TableSchema describeQuery(TableRef name, String sql);

    /** Splits a table into chunks of roughly {@code rowsPerChunk} rows; a table that cannot be split is one chunk. */
    List<Chunk> plan(TableSchema table, long rowsPerChunk);

    /**
     * A plan for a destination that replaces a chunk by its identity ({@link Destination#replacesChunksByIdentity()}:
     * files), which needs no key range to make a chunk idempotent: a source may then split even a keyed table by
     * storage ranges ({@link ChunkBounds.PageRange}) read in one snapshot, where that costs the database less than
     * key ranges. The default is {@link #plan}.
     */
    default List<Chunk> planForIdentityReplacement(TableSchema table, long rowsPerChunk) {
        return plan(table, rowsPerChunk);
    }

    RowStream read(TableSchema table, Chunk chunk);

    /**
     * The engine is done with {@code table} in this run (moved, failed or interrupted; no chunk of it is read
     * again): a source may release what it holds for the table's plan, such as the transaction keeping the snapshot
     * its chunks read open. Nothing by default.
     */
    default void release(TableRef table) {
    }

    /**
     * The first rows of a table, for previews: at most {@code limit} rows (callers read them and close). The
     * default starts a whole-table read; databases override it to ask for only that many rows, and to cut text
     * and binary values one character (byte) past {@link io.dtaas.connect.catalog.ResultBudget}'s value cap so
     * that a huge value is never held whole (a value longer than the cap is known to be cut).
     */
    default RowStream head(TableSchema table, int limit) {
        return read(table, new Chunk(table.table(), 0, 1, new ChunkBounds.WholeTable()));
    }

    /**
     * The chunk's rows in a destination's raw bulk {@code format}, when this source can produce it; empty
     * otherwise (the engine then moves decoded batches).
     */
    default java.util.Optional<RawChunkReader> readRaw(TableSchema table, Chunk chunk, String format) {
        return java.util.Optional.empty();
    }

    /**
     * Counts and checksums computed inside the database, for validation; empty when this source cannot compute
     * them (validation then reports the table as not comparable).
     */
    default java.util.Optional<TableDigests> digests() {
        return java.util.Optional.empty();
    }

    /**
     * About how many rows {@code table} has, cheaply: the database's statistics, else an exact count when that is
     * cheap; empty when neither is (a change stream's copy then shows no percentage).
     */
    default java.util.OptionalLong rowEstimate(TableRef table) {
        return java.util.OptionalLong.empty();
    }

    @Override
    void close();
}
