package io.dtaas.controlplane.launch;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Skips the periodic jobs ({@code @Scheduled(skipExecutionIf = UntilStarted.class)}) until every start-up observer
 * has run. Quarkus' scheduler fires its first ticks while those observers still run on the main thread: a tick
 * could start a scheduled task before execution recovery has settled the previous run's executions, and two threads
 * creating Quarkus' Redis clients at once can fail the start (a {@code ConcurrentModificationException} in
 * {@code RedisClientRecorder}, seen once in {@code DistributedFaultsIT}).
 */
@Singleton
public class UntilStarted implements Scheduled.SkipPredicate {

    /** After the application's own start-up observers (their default priority is APPLICATION + 500). */
    private static final int AFTER_EVERY_OBSERVER = 1_000_000;

    private volatile boolean started;

    void onStart(@Observes @Priority(AFTER_EVERY_OBSERVER) StartupEvent event) {
        started = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !started;
    }
}
