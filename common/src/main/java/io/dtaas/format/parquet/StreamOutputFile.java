package io.dtaas.format.parquet;

import io.dtaas.format.CountingOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;

/**
 * A Parquet {@link OutputFile} over a stream that is written front to back once (a staged local file, an S3
 * multipart upload): Parquet needs nothing but the position, which the counting stream knows.
 */
final class StreamOutputFile implements OutputFile {

    private final CountingOutputStream out;
    private final String description;
    private boolean created;

    StreamOutputFile(CountingOutputStream out, String description) {
        this.out = out;
        this.description = description;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        if (created) {
            throw new IllegalStateException(description + " is a stream: it can be written once");
        }
        created = true;
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return out.count();
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return description;
    }
}
