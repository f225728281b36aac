package io.dtaas.engine;

import io.dtaas.error.DataError;
import io.dtaas.error.TransientError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries are bounded by time, not by a count; permanent failures are never retried. */
class RetryPolicyTest {

    private static final TransientError LOST = new TransientError("connection lost", null);

    @Test
    void transientFailuresRetryWithGrowingBackoffUntilTheBudgetIsSpent() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(400), null, Duration.ofMillis(50), Duration.ofMillis(120));
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RetryPolicy.Attempts attempts = policy.start(now::get);
        assertThat(attempts.next(LOST)).contains(Duration.ofMillis(50));
        now.addAndGet(Duration.ofMillis(50).toNanos());
        assertThat(attempts.next(LOST)).contains(Duration.ofMillis(100));
        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(attempts.next(LOST)).contains(Duration.ofMillis(120)); // capped
        now.addAndGet(Duration.ofMillis(120).toNanos());
        // 270 ms spent: one more 120 ms backoff would end at 390 ms, still inside the 400 ms budget
        assertThat(attempts.next(LOST)).contains(Duration.ofMillis(120));
        now.addAndGet(Duration.ofMillis(120).toNanos());
        assertThat(attempts.next(LOST)).as("390 ms spent + 120 ms backoff is past the budget").isEmpty();
        assertThat(attempts.retries()).isEqualTo(4);
    }

    @Test
    void aLongBudgetKeepsRetryingPastAnyFixedCount() {
        RetryPolicy.Attempts attempts = RetryPolicy.within(Duration.ofMinutes(2)).start();
        for (int i = 0; i < 50; i++) {
            assertThat(attempts.next(LOST)).as("retry %d", i + 1).isPresent();
        }
    }

    @Test
    void permanentFailuresAndTheOptionalCapStopAtOnce() {
        assertThat(RetryPolicy.within(Duration.ofMinutes(2)).start().next(new DataError("bad value", null))).isEmpty();
        assertThat(RetryPolicy.within(Duration.ZERO).start().next(LOST)).isEmpty();
        RetryPolicy capped = new RetryPolicy(Duration.ofMinutes(2), 1, Duration.ofMillis(1), Duration.ofMillis(1));
        RetryPolicy.Attempts attempts = capped.start();
        assertThat(attempts.next(LOST)).isPresent();
        assertThat(attempts.next(LOST)).isEqualTo(Optional.empty());
    }
}
