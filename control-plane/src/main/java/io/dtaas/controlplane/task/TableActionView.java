package io.dtaas.controlplane.task;

import java.util.List;

/**
 * The answer to a per-table action on a running change stream (issue 16): which tables, and the execution that
 * takes the request between two batches (the tables' phases then show on it).
 */
public record TableActionView(long taskId, String action, List<String> tables, long executionId) {
}
