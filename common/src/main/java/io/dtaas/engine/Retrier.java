package io.dtaas.engine;

import io.dtaas.error.TransientError;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs one unit of work (a change batch, a table's preparation) until it succeeds, retrying transient failures within the policy's
 * budget and recording each retry on the execution. Thread-safe: each call keeps its own attempts.
 */
public final class Retrier {

    /** Never retries: the first failure is the outcome. */
    public static final Retrier NONE = new Retrier(RetryPolicy.within(Duration.ZERO), RunControl.NONE, null);

    private final RetryPolicy policy;
    private final RunControl control;
    private final ProgressTracker progress;

    /** @param progress where retries are recorded (null: nowhere) */
    public Retrier(RetryPolicy policy, RunControl control, ProgressTracker progress) {
        this.policy = policy;
        this.control = control;
        this.progress = progress;
    }

    /**
     * @param what names the work in the recorded reason, e.g. {@code applying a batch of 12 changes}
     * @throws RuntimeException the last failure, when it is permanent or the budget is spent; a
     *                          {@link TransientError} when a stop or pause came during a backoff
     */
    public void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /** {@link #run} for work with a result. */
    public <T> T call(String what, java.util.function.Supplier<T> work) {
        RetryPolicy.Attempts attempts = policy.start();
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                Optional<Duration> backoff = attempts.next(e);
                if (backoff.isEmpty()) {
                    throw e;
                }
                if (progress != null) {
                    progress.retrying(what + ": " + e.getMessage());
                }
                if (!control.sleep(backoff.get())) {
                    throw new TransientError(what + ": stopped while retrying (" + e.getMessage() + ")", e);
                }
            }
        }
    }
}
