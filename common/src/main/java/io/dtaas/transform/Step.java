package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.Optional;

/**
 * A transformation bound to the schema of the rows it receives. Bound steps are immutable and thread-safe:
 * one instance serves every chunk of a table at once. {@link RowStep}s look at one row at a time (so a
 * change stream can use them); {@link RowSetStep}s need a table's whole row set and run in full loads only.
 */
public sealed interface Step permits RowStep, RowSetStep {

    /** The schema of the rows this step emits. */
    TableSchema output();

    /**
     * The output name of input column {@code column} when this step passes its values through unchanged
     * (renamed at most); empty when the step changes or drops them. The engine keeps chunking a table by its
     * key column only while that column passes the whole chain unchanged.
     */
    Optional<String> unchanged(String column);
}
