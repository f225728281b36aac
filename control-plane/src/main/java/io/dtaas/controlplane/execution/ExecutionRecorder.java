package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.dispatch.ExecutionReporter;
import io.dtaas.controlplane.live.LiveUpdates;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.metadata.ExecutionRetries;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Persists runners' progress. Engines may report every batch (thousands a second); this writes an
 * execution at most once per {@code dtaas.progress.write-interval} and always writes its final event. A
 * report that arrives too soon is kept and written when the interval is over, so the stored progress never
 * lags by more than one interval even when the runner goes quiet.
 */
@ApplicationScoped
public class ExecutionRecorder implements ExecutionReporter {

    private static final Logger LOG = Logger.getLogger(ExecutionRecorder.class);

    private final ExecutionWriter writer;
    private final ExecutionRetries retries;
    private final LiveUpdates live;
    private final long intervalNanos;
    private final ConcurrentMap<Long, Throttle> throttles = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dtaas-progress-flush");
        t.setDaemon(true);
        return t;
    });

    public ExecutionRecorder(ExecutionWriter writer, ExecutionRetries retries, LiveUpdates live,
                             @ConfigProperty(name = "dtaas.progress.write-interval", defaultValue = "500ms") Duration interval) {
        this.writer = writer;
        this.retries = retries;
        this.live = live;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void started(JobSpec job) {
        started(job.taskId(), job.executionId());
    }

    /** A worker took the execution: it becomes {@code running}. */
    public void started(long taskId, long executionId) {
        writer.started(taskId, executionId);
        live.publish(new ProgressEvent(executionId, taskId, ExecutionStatus.RUNNING, 0, 0, 0,
                java.util.List.of(), null, java.time.Instant.now()));
    }

    @Override
    public void publish(ProgressEvent event) {
        throttles.computeIfAbsent(event.executionId(), id -> new Throttle()).offer(event);
    }

    @Override
    public void variablesResolved(long taskId, long executionId, java.util.Map<String, Object> variables) {
        try {
            writer.variables(taskId, executionId, variables);
        } catch (RuntimeException e) {
            // like a lost progress write: the transfer goes on, only the record of the values is missing
            LOG.warnf(e, "could not record the variables of execution %d", executionId);
        }
    }

    @Override
    public void retrying(long taskId, long executionId, String reason) {
        try {
            retries.retried(executionId, reason);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not record a retry of execution %d", executionId);
        }
    }

    @Override
    public void finished(JobSpec job, ExecutionStatus status, String error) {
        finished(job.taskId(), job.executionId(), status, error);
    }

    /** The execution ended; progress still held back is written first. */
    public void finished(long taskId, long executionId, ExecutionStatus status, String error) {
        Throttle throttle = throttles.remove(executionId);
        if (throttle != null) {
            throttle.flushNow();
        }
        writer.finish(taskId, executionId, status, error);
    }

    /**
     * A final event as browsers should see it: tables the runner still called running (a paused change stream's)
     * are shown as the stored record shows them, interrupted, never running in an ended execution.
     */
    static ProgressEvent settled(ProgressEvent event) {
        if (!event.status().isFinal() || event.tables() == null) {
            return event;
        }
        return new ProgressEvent(event.executionId(), event.taskId(), event.status(), event.processedRows(),
                event.bytes(), event.rowsPerSecond(), TableProgressJson.settled(event.tables(), event.status(),
                event.error()), event.error(), event.at(), event.cdc(), event.retries(), event.lastRetryReason());
    }

    @PreDestroy
    void close() {
        flusher.shutdownNow();
    }

    /** One execution's write pacing; its monitor also keeps that execution's writes in order. */
    private final class Throttle {

        private long lastWrite = System.nanoTime() - intervalNanos;
        private ProgressEvent pending;
        private ScheduledFuture<?> scheduled;

        synchronized void offer(ProgressEvent event) {
            if (event.status().isFinal()) {
                cancelScheduled();
                pending = null;
                write(event);
                return;
            }
            long waited = System.nanoTime() - lastWrite;
            if (scheduled == null && waited >= intervalNanos) {
                write(event);
                return;
            }
            pending = event;
            if (scheduled == null) {
                scheduled = flusher.schedule(this::scheduledFlush, intervalNanos - waited, TimeUnit.NANOSECONDS);
            }
        }

        synchronized void flushNow() {
            cancelScheduled();
            if (pending != null) {
                ProgressEvent event = pending;
                pending = null;
                write(event);
            }
        }

        private synchronized void scheduledFlush() {
            scheduled = null;
            flushNow();
        }

        private void cancelScheduled() {
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
        }

        private void write(ProgressEvent event) {
            lastWrite = System.nanoTime();
            try {
                // browsers see the execution's recorded retries (all workers'), and no running table in a
                // paused or stopped run
                live.publish(settled(writer.progress(event)));
            } catch (RuntimeException e) {
                // a lost progress write must not fail the transfer; the next one (or the final one) catches up
                LOG.warnf(e, "could not record progress of execution %d", event.executionId());
            }
        }
    }
}
