package io.dtaas.connect;

/**
 * A chunk's rows in a database's own bulk format (e.g. PostgreSQL's binary COPY), handed to a destination of
 * the same kind that loads it without decoding a value: the fastest path between two databases of one kind.
 * Used by one thread; {@link #close()} always runs.
 */
public interface RawChunkReader extends AutoCloseable {

    /** PostgreSQL binary COPY data. */
    String POSTGRES_BINARY = "postgresql-binary";

    /** @return the next block of bytes, or null at the end */
    byte[] next();

    @Override
    void close();
}
