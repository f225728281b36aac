package io.dtaas.controlplane.transform;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a preview's work in our JVM (binding and applying transformations to sample rows) on a daemon thread of
 * its own, for at most {@code dtaas.preview.timeout}. Past the deadline the caller gets a
 * {@link PreviewTimedOut} and the work is interrupted: it calls the checkpoint it is given between rows and
 * steps, which then throws. Threads are daemons and are interrupted at shutdown, so a running preview never
 * holds the process up.
 */
@ApplicationScoped
public class PreviewDeadline {

    private final Duration timeout;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("dtaas-preview-", 1).factory());

    public PreviewDeadline(@ConfigProperty(name = "dtaas.preview.timeout", defaultValue = "10s") Duration timeout) {
        this.timeout = timeout;
    }

    /** The preview ran past its deadline and was stopped; answered 408. */
    public static final class PreviewTimedOut extends RuntimeException {

        public PreviewTimedOut(String message) {
            super(message);
        }
    }

    /**
     * @param work given the checkpoint to call often (it throws once the deadline passed or the thread was
     *             interrupted)
     * @throws PreviewTimedOut when the work did not finish in time
     */
    public <T> T run(Function<Runnable, T> work) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Runnable checkpoint = () -> {
            if (Thread.currentThread().isInterrupted() || System.nanoTime() - deadline > 0) {
                throw new CancellationException("preview stopped at its deadline");
            }
        };
        Future<T> future = threads.submit(() -> work.apply(checkpoint));
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw timedOut();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                throw timedOut();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private PreviewTimedOut timedOut() {
        return new PreviewTimedOut("the preview did not finish within " + timeout.toMillis() / 1000.0
                + " s and was stopped; preview fewer rows (limit) or fewer, simpler transformations");
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
