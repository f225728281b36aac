package io.dtaas.controlplane.task;

import java.time.Instant;

/**
 * Why a task's next start resyncs it: its position on the source is gone (slot invalidated by the source, or
 * dropped at the retention hard limit). Shown on the task until the resync happens, so it never happens silently.
 */
public record ResyncRequired(String reason, Instant since) {
}
