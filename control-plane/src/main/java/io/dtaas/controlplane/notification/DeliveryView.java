package io.dtaas.controlplane.notification;

import java.time.Instant;

/**
 * One notification to one channel, as recorded.
 *
 * @param status     pending (will be retried at next_attempt_at), delivered, or failed (retries exhausted)
 * @param lastStatus the HTTP status of the last attempt, if one was answered
 */
public record DeliveryView(long id, long alertId, String event, long channelId, String kind, String status,
                           int attempts, Integer lastStatus, String lastError, Instant nextAttemptAt,
                           Instant deliveredAt, Instant createdAt) {
}
