package io.dtaas.connect;

import io.dtaas.data.Batch;

/**
 * Writes one chunk. Used by one thread: {@link #write} any number of times, then {@link #commit()} at most
 * once; {@link #close()} always runs and discards what was not committed. A chunk written again (a retry,
 * a resumed or repeated run) replaces what an earlier attempt committed, so rows are never doubled.
 */
public interface ChunkWriter extends AutoCloseable {

    void write(Batch batch);

    /** Makes the chunk's rows durable and visible (per the destination's semantics). */
    void commit();

    /** Bytes written so far, for progress (0 when unknown). */
    default long bytesWritten() {
        return 0;
    }

    @Override
    void close();
}
