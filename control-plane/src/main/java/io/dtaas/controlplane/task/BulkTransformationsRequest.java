package io.dtaas.controlplane.task;

import java.util.List;

/**
 * Body of {@code POST /api/tasks/{id}/transformations/bulk}: one list of transformations for several tables.
 *
 * @param replace true: the list replaces each table's own; false (default): it is appended to it
 */
public record BulkTransformationsRequest(List<String> tables, Object transformations, Boolean replace) {
}
