package io.dtaas.engine;

import io.dtaas.error.TransientError;
import io.dtaas.job.TransferConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Retries transient failures (lost connections, a server restarting, deadlocks, throttling) with exponential
 * backoff for as long as a time budget allows, so a restart of a database around us is ridden through whatever
 * its length; anything else fails at once, since repeating it would fail the same way.
 *
 * @param budget     how long one unit of work (a chunk, a change batch) keeps retrying after its first failure
 * @param maxRetries an optional cap on the number of retries as well (null: only the budget counts)
 */
public record RetryPolicy(Duration budget, Integer maxRetries, Duration firstBackoff, Duration maxBackoff) {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** The task's settings: {@code retry_budget_seconds} and the optional {@code max_retries}. */
    public static RetryPolicy of(TransferConfig config) {
        return new RetryPolicy(Duration.ofSeconds(config.retryBudgetSeconds()), config.maxRetries(), FIRST_BACKOFF,
                MAX_BACKOFF);
    }

    public static RetryPolicy within(Duration budget) {
        return new RetryPolicy(budget, null, FIRST_BACKOFF, MAX_BACKOFF);
    }

    /** The retries of one unit of work: call {@link Attempts#next} after each failure. */
    public Attempts start() {
        return start(System::nanoTime);
    }

    /** As {@link #start()}, with the clock the budget is counted on (nanoseconds, as {@link System#nanoTime}). */
    public Attempts start(LongSupplier nanoClock) {
        return new Attempts(nanoClock);
    }

    /** Backoff before retry number {@code attempt} (1-based): first, 2×first, 4×first, ... capped. */
    public Duration backoff(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** One unit of work's retries; not thread-safe (one per chunk or batch). */
    public final class Attempts {

        private final LongSupplier clock;
        private long firstFailure;
        private int retries;

        private Attempts(LongSupplier clock) {
            this.clock = clock;
        }

        /**
         * After a failure: the backoff to wait before trying again, or empty when the failure is permanent or
         * the budget (counted from the first failure) is spent.
         */
        public Optional<Duration> next(RuntimeException failure) {
            long now = clock.getAsLong();
            if (retries == 0) {
                firstFailure = now;
            }
            if (!(failure instanceof TransientError) || (maxRetries != null && retries >= maxRetries)) {
                return Optional.empty();
            }
            Duration wait = backoff(retries + 1);
            long spent = now - firstFailure;
            if (spent + wait.toNanos() > budget.toNanos()) {
                return Optional.empty();
            }
            retries++;
            return Optional.of(wait);
        }

        public int retries() {
            return retries;
        }
    }
}
