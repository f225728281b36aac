package io.dtaas.transform;

/** A step that maps one row to one row, or drops it. Knows nothing of other rows. */
public non-sealed interface RowStep extends Step {

    /**
     * @param row aligned with the step's input schema; not modified
     * @return a row aligned with {@link #output()}, or null to drop the row
     * @throws io.dtaas.error.DataError when a value cannot be transformed (naming column and value)
     */
    Object[] apply(Object[] row);
}
