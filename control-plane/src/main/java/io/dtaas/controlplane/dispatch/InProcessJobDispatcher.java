package io.dtaas.controlplane.dispatch;

import io.dtaas.engine.TransferRunner;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Standalone mode: executions run in this process on {@code dtaas.workers} threads (MAX_WORKERS). More
 * executions than threads wait in order, {@code queued}. Stop and pause set flags the runner polls.
 *
 * <p>On shutdown every execution is asked to pause and given {@code dtaas.shutdown-grace} to reach a batch
 * boundary, so a restart leaves resumable {@code paused} executions; whatever does not make it in time is
 * marked failed by restart recovery.
 */
@ApplicationScoped
@Typed(InProcessJobDispatcher.class)
public class InProcessJobDispatcher implements JobDispatcher {

    private static final Logger LOG = Logger.getLogger(InProcessJobDispatcher.class);

    private final TransferRunner runner;
    private final ExecutionReporter reporter;
    private final Duration shutdownGrace;
    private final ThreadPoolExecutor pool;
    /** Flags of executions dispatched and not yet finished; also of stop/pause requests that beat their dispatch. */
    private final ConcurrentMap<Long, RunFlags> flags = new ConcurrentHashMap<>();

    public InProcessJobDispatcher(TransferRunner runner, ExecutionReporter reporter,
                                  @ConfigProperty(name = "dtaas.workers") int workers,
                                  @ConfigProperty(name = "dtaas.shutdown-grace", defaultValue = "10s") Duration shutdownGrace) {
        if (workers < 1) {
            throw new IllegalArgumentException("dtaas.workers (MAX_WORKERS) must be at least 1, got " + workers);
        }
        this.runner = runner;
        this.reporter = reporter;
        this.shutdownGrace = shutdownGrace;
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "dtaas-worker-" + threadNumber.incrementAndGet()));
    }

    @Override
    public void dispatch(JobSpec job) {
        RunFlags control = flags.computeIfAbsent(job.executionId(), id -> new RunFlags());
        try {
            pool.execute(() -> run(job, control));
        } catch (RejectedExecutionException e) {
            flags.remove(job.executionId());
            reporter.finished(job, ExecutionStatus.FAILED, "the control-plane is shutting down; start the task again");
        }
    }

    @Override
    public void stop(long executionId) {
        flags.computeIfAbsent(executionId, id -> new RunFlags()).requestStop();
    }

    @Override
    public void pause(long executionId) {
        flags.computeIfAbsent(executionId, id -> new RunFlags()).requestPause();
    }

    @Override
    public boolean tableCommand(long executionId, io.dtaas.engine.TableCommand command) {
        RunFlags f = flags.get(executionId); // only an execution dispatched and not yet finished takes it
        if (f == null) {
            return false;
        }
        f.tableCommand(command);
        return true;
    }

    private void run(JobSpec job, RunFlags control) {
        try {
            // a request that came while the execution waited in the queue ends it before the engine starts
            if (control.stopRequested() || control.pauseRequested()) {
                reporter.finished(job, control.stopRequested() ? ExecutionStatus.STOPPED : ExecutionStatus.PAUSED, null);
                return;
            }
            reporter.started(job);
            ExecutionStatus end;
            String error = null;
            try {
                end = runner.run(job, control, reporter);
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "the transfer engine failed on execution %d of task %d", job.executionId(), job.taskId());
                end = ExecutionStatus.FAILED;
                error = "the transfer engine failed unexpectedly (" + e.getClass().getSimpleName()
                        + "); the server log has the details";
            }
            if (end == null || !end.isFinal()) {
                error = "the transfer engine returned without a final status ("
                        + (end == null ? "none" : end.wireName()) + ")";
                end = ExecutionStatus.FAILED;
            }
            reporter.finished(job, end, error);
        } catch (RuntimeException e) {
            // the metadata store is unreachable; restart recovery settles the execution later
            LOG.errorf(e, "could not record the end of execution %d of task %d", job.executionId(), job.taskId());
        } finally {
            flags.remove(job.executionId());
        }
    }

    void onShutdown(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        flags.values().forEach(RunFlags::requestPause);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d execution(s) did not pause within %s; they will be marked failed at the next start",
                        flags.size(), shutdownGrace);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
