package io.dtaas.format;

import io.dtaas.data.Batch;

/**
 * Writes rows of one table into one file, streaming: memory stays bounded however many rows pass (Parquet
 * buffers at most one row group, the text formats a few kilobytes).
 *
 * <p>Lifecycle: used by one thread. {@link #write} any number of times, then {@link #finish()} at most once to
 * complete the file (footer, compression trailer) and close the stream it writes to. {@link #close()} always
 * runs; after {@code finish()} it does nothing, without it it abandons the file and closes the stream.
 * Who owns the stream decides what an abandoned file means (see the file destinations' staged objects).
 */
public interface RowFileWriter extends AutoCloseable {

    /**
     * @throws io.dtaas.error.DataError  a value the format cannot hold (names table and column)
     * @throws io.dtaas.error.TransientError the stream failed
     */
    void write(Batch batch);

    /** Completes the file and closes its stream. */
    void finish();

    /** Rows written so far. */
    long rowsWritten();

    /** Bytes that reached the stream so far (compressed); grows in steps as buffers flush. */
    long bytesWritten();

    @Override
    void close();
}
