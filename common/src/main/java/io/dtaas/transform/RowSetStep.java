package io.dtaas.transform;

import java.util.List;

/**
 * A step over a table's whole row set (deduplicate, sort, limit, aggregate). Its result depends on every row,
 * so a table using one is moved as a single chunk, and such steps are refused for change data capture.
 */
public non-sealed interface RowSetStep extends Step {

    /** @param rows aligned with the step's input schema; not modified */
    List<Object[]> apply(List<Object[]> rows);
}
