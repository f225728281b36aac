package io.dtaas.controlplane.live;

import io.dtaas.connect.RetainedLog;

import java.time.Instant;

/**
 * A {@code /ws} message ({@code type: source_retention}) after each measurement of what a streaming task's source
 * keeps for it (docs/api.md, "Live updates").
 */
public record RetentionMessage(String type, long taskId, boolean positionExists, Long retainedBytes, String walStatus,
                               Long safeWalSizeBytes, String oldestNeededFile, Long purgeInSeconds, Instant measuredAt) {

    public static RetentionMessage of(long taskId, RetainedLog log, Instant measuredAt) {
        return new RetentionMessage("source_retention", taskId, log.positionExists(), log.retainedBytes(),
                log.walStatus(), log.safeWalSizeBytes(), log.oldestNeededFile(), log.purgeInSeconds(), measuredAt);
    }
}
