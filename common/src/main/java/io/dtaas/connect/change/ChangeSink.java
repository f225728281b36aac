package io.dtaas.connect.change;

import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.Pipeline;

import java.util.List;

/**
 * Where a change stream's batches go: a destination's change-taking capability, built by
 * {@code Destination.changeSink}. A batch is applied (and durable) when {@link #apply} returns; only then does the
 * stream commit its offset, so a sink must make a replayed batch harmless.
 *
 * <p>Threading: {@link #prepare} is called once before the stream starts; {@link #apply} and {@link #evolve} are
 * then called from the stream's single thread, never concurrently.
 */
public interface ChangeSink {

    /** Creates or extends the targets; refuses what the sink cannot follow (with a {@code ConfigError}). */
    void prepare();

    void apply(List<ChangeEvent> events);

    /**
     * The source table's columns changed (read from the change records): columns it gained are added to the
     * target, columns it lost stay there and become nullable. Called before the batch holding the first
     * change of the new shape is applied.
     */
    void evolve(TableSchema schema);

    /**
     * A table joins the running stream (issue 16): its target is created or extended as {@link #prepare} does, and
     * it is refused the same way.
     *
     * @param pipeline its transformations bound to its schema
     */
    void addTable(TableSchema schema, Pipeline pipeline);

    /**
     * Before a table is copied again into a running stream (resync, resume): database targets lose their rows, so
     * rows deleted at the source while the table was out of sync do not linger (the copy refills it); change files
     * keep their history (the copy arrives as inserts).
     */
    void resetTable(TableRef table);
}
