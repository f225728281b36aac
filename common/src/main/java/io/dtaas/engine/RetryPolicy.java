package io.dtaas.engine;

import io.dtaas.error.TransientError;

import java.time.Duration;

/**
 * Retries transient failures (lost connections, deadlocks, throttling) with exponential backoff; anything
 * else fails at once, since repeating it would fail the same way.
 */
public record RetryPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff) {

    public static RetryPolicy of(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public boolean shouldRetry(RuntimeException failure, int attempt) {
        return failure instanceof TransientError && attempt <= maxRetries;
    }

    /** Backoff before retry number {@code attempt} (1-based): first, 2×first, 4×first, ... capped. */
    public Duration backoff(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
