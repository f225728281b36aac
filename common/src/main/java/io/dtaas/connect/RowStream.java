package io.dtaas.connect;

import io.dtaas.data.Batch;

/**
 * The rows of one chunk, pulled a batch at a time by one thread. {@link #close()} always runs, also after
 * a failure or a stop, and releases the cursor and connection.
 */
public interface RowStream extends AutoCloseable {

    /** @return the next batch of at most {@code maxRows} rows, or null when the chunk is exhausted */
    Batch next(int maxRows);

    @Override
    void close();
}
