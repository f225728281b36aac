package io.dtaas.format;

import io.dtaas.data.TableSchema;

import java.io.IOException;

/**
 * The lifecycle every row-file writer shares: counts rows and bytes, {@link #finish()} completes the file
 * once, {@link #close()} without finish abandons it.
 */
public abstract class AbstractRowFileWriter implements RowFileWriter {

    protected final TableSchema schema;
    private final CountingOutputStream counter;
    private long rows;
    private boolean closed;

    protected AbstractRowFileWriter(TableSchema schema, CountingOutputStream counter) {
        this.schema = schema;
        this.counter = counter;
    }

    /** What the file is, for messages: "the CSV file". */
    protected abstract String describe();

    /** Completes the file (footer, flush) and closes the stream. */
    protected abstract void complete() throws IOException;

    /** Releases the stream without completing the file; never throws. */
    protected abstract void abandon();

    protected final void rowWritten() {
        rows++;
    }

    @Override
    public final void finish() {
        if (closed) {
            throw new IllegalStateException("finish() after close()");
        }
        closed = true;
        try {
            complete();
        } catch (IOException e) {
            throw ValueErrors.io(schema, "finishing " + describe(), e);
        }
    }

    @Override
    public final long rowsWritten() {
        return rows;
    }

    @Override
    public final long bytesWritten() {
        return counter.count();
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            abandon();
        }
    }
}
