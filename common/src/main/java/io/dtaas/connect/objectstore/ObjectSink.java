package io.dtaas.connect.objectstore;

import java.util.Collection;
import java.util.List;

/**
 * Where a {@link FileDestination} keeps its files: a directory (local files) or a bucket (S3). Objects are
 * named by keys with {@code /} between folders, relative to the sink's root (the directory or the bucket).
 *
 * <p>Lifecycle: created with its destination and {@link #close() closed} with it, once. Every other method
 * may be called from several threads at once (one per chunk being written).
 *
 * <p>Failures: {@link io.dtaas.error.TransientError} for I/O worth retrying, {@link io.dtaas.error.ConfigError}
 * for what the user must fix (a missing bucket, refused credentials, a read-only directory).
 */
public interface ObjectSink extends AutoCloseable {

    /**
     * Starts an object at {@code key}. Nothing is visible under the key (an earlier object stays as it was)
     * until {@link StagedObject#publish()}.
     */
    StagedObject create(String key);

    /** Keys of the published objects whose key starts with {@code prefix}, in no particular order. */
    List<String> list(String prefix);

    /** Deletes the published objects; keys that do not exist are fine. */
    void delete(Collection<String> keys);

    /**
     * Removes what crashed writers may have left for keys starting with {@code prefix} and that no reader
     * sees (a local file's hidden staging file). Called before a chunk is written, when no other writer
     * works on that chunk. Sinks that cannot see such leftovers do nothing (see their Javadoc).
     */
    default void discardAbandoned(String prefix) {
    }

    /**
     * Reads a published object (for validation, which reads a table's files back). The caller closes the stream.
     *
     * @throws io.dtaas.error.NotFoundError when there is no such object
     */
    java.io.InputStream open(String key);

    /** Where {@code key} lives, for messages: {@code s3://bucket/key} or an absolute path. */
    String describe(String key);

    @Override
    void close();
}
