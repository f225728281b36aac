package io.dtaas.connect.change;

import io.dtaas.data.TableSchema;

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
}
