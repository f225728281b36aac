package io.dtaas.connect.objectstore;

import java.io.OutputStream;

/**
 * An object being written. Lifecycle, on one thread: write the content to {@link #output()} and close that
 * stream (which ends the content but shows nothing), then {@link #publish()} at most once to make the object
 * visible under its key at once, replacing any earlier one. {@link #close()} always runs: without a publish
 * it discards everything written, so a failed or abandoned object leaves nothing visible.
 */
public interface StagedObject extends AutoCloseable {

    String key();

    /**
     * The object's content stream; the same stream on every call. After {@link #close()} without a publish
     * it silently discards writes, so a writer closing its layers afterwards cannot fail or publish.
     */
    OutputStream output();

    /**
     * Makes the object visible atomically: readers see the old object or the new one, never part of it.
     *
     * @throws IllegalStateException when {@link #output()} was not closed first
     */
    void publish();

    /** Discards the object unless it was published; idempotent. */
    @Override
    void close();
}
