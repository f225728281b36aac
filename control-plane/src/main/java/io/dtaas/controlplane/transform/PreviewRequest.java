package io.dtaas.controlplane.transform;

/**
 * Body of {@code POST /api/transformations/preview}.
 *
 * @param table           {@code name} (the connection's default schema) or {@code schema.name}
 * @param transformations the list to try, shaped as one table's list in a task's {@code config.transformations}
 * @param limit           rows to read (default 20, at most 1000)
 * @param variables       test values of {@code {{name}}} variables (name to value), applied as a run would apply
 *                        the resolved ones; a name without a value shows as written (NULL in expressions)
 */
public record PreviewRequest(Long connectorId, String table, Object transformations, Integer limit,
                             java.util.Map<String, Object> variables) {

    /** A request without test values. */
    public PreviewRequest(Long connectorId, String table, Object transformations, Integer limit) {
        this(connectorId, table, transformations, limit, null);
    }
}
