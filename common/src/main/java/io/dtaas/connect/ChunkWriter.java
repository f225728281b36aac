package io.dtaas.connect;

import io.dtaas.data.Batch;

/**
 * Writes one chunk. Used by one thread: {@link #write} any number of times, then {@link #commit()} at most
 * once; {@link #close()} always runs and discards what was not committed. A chunk written again (a retry,
 * a resumed or repeated run) replaces what an earlier attempt committed, so rows are never doubled.
 */
public interface ChunkWriter extends AutoCloseable {

    void write(Batch batch);

    /**
     * The raw bulk format this writer can load for the chunk (see {@link RawChunkReader}), when its target
     * table has exactly the source's column types; empty when it only takes batches. Asked before any write.
     */
    default java.util.Optional<String> rawFormat() {
        return java.util.Optional.empty();
    }

    /** Loads a block of raw rows in {@link #rawFormat()}; never mixed with {@link #write}. */
    default void writeRaw(byte[] block) {
        throw new UnsupportedOperationException("raw rows are not accepted");
    }

    /** Rows loaded through {@link #writeRaw}, known once committed. */
    default long rawRowsCommitted() {
        return 0;
    }

    /** Makes the chunk's rows durable and visible (per the destination's semantics). */
    void commit();

    /** Bytes written so far, for progress (0 when unknown). */
    default long bytesWritten() {
        return 0;
    }

    @Override
    void close();
}
