package io.dtaas.controlplane.task;

import java.util.List;

/**
 * The answer to a resync: which tables restart, what was dropped (slot, publication, offsets) and what is left
 * for an operator to drop by hand (the source could not be reached), as statements. {@code online}: the task's
 * stream was running and copies just these tables again while the others stream on (issue 16); nothing dropped.
 */
public record ResyncView(long taskId, List<String> tables, List<String> dropped, List<String> leftToDropByHand,
                         boolean online) {
}
