package io.dtaas.testing;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Test help: a source writer's ticks on a fixed-delay schedule (one change per tick) until {@code stop} says so,
 * instead of a loop that sleeps between statements. Blocks the caller until then; a tick that throws ends it and
 * the failure is rethrown here.
 */
public final class PacedTicks {

    /** One tick's work. */
    public interface Tick {
        void run() throws Exception;
    }

    private PacedTicks() {
    }

    public static void run(Duration every, BooleanSupplier stop, Tick tick) {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> running = ticks.scheduleWithFixedDelay(() -> {
                try {
                    tick.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            await().forever().pollInterval(every).until(() -> stop.getAsBoolean() || running.isDone());
            if (running.isDone()) {
                running.get(); // a tick failed: its exception
            }
            running.cancel(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            ticks.shutdownNow();
        }
    }
}
