package io.dtaas.controlplane.dispatch;

import io.dtaas.engine.TransferRunner;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TransferConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker pool on its own: bounded, flags honoured before and during a run, pause on shutdown, crashes reported. */
class InProcessJobDispatcherTest {

    private static final TransferConfig CONFIG = TransferConfig.from(Map.of("tables", List.of("t")));

    /** Remembers how each execution was reported to have ended. */
    private static final class Outcomes implements ExecutionReporter {

        final Map<Long, String> ends = new ConcurrentHashMap<>();
        final Map<Long, Boolean> started = new ConcurrentHashMap<>();

        @Override
        public void started(JobSpec job) {
            started.put(job.executionId(), true);
        }

        @Override
        public void publish(ProgressEvent event) {
        }

        @Override
        public void finished(JobSpec job, ExecutionStatus status, String error) {
            ends.put(job.executionId(), status.wireName() + (error == null ? "" : ": " + error));
        }
    }

    private static JobSpec job(long executionId) {
        return new JobSpec(executionId, 1, "task", JobKind.FULL_LOAD, 1, 2, CONFIG, 1);
    }

    /** A runner that stays busy until asked to stop or pause. */
    private static TransferRunner busyUntilAsked(CountDownLatch running) {
        return (job, control, sink) -> {
            running.countDown();
            while (!control.stopRequested() && !control.pauseRequested()) {
                Thread.onSpinWait();
            }
            return control.stopRequested() ? ExecutionStatus.STOPPED : ExecutionStatus.PAUSED;
        };
    }

    @Test
    void oneWorkerRunsOneAtATimeAndQueuedRequestsEndExecutionsUnrun() throws Exception {
        Outcomes outcomes = new Outcomes();
        CountDownLatch running = new CountDownLatch(1);
        InProcessJobDispatcher dispatcher = new InProcessJobDispatcher(busyUntilAsked(running), outcomes, 1, Duration.ofSeconds(5));
        dispatcher.dispatch(job(1));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.dispatch(job(2));
        dispatcher.dispatch(job(3));
        dispatcher.stop(2);
        dispatcher.pause(3);
        assertThat(outcomes.started).containsOnlyKeys(1L);
        dispatcher.stop(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.ends.size() == 3);
        assertThat(outcomes.ends).containsEntry(1L, "stopped").containsEntry(2L, "stopped").containsEntry(3L, "paused");
        assertThat(outcomes.started).containsOnlyKeys(1L);
        dispatcher.onShutdown(null);
    }

    @Test
    void shutdownPausesRunningExecutions() throws Exception {
        Outcomes outcomes = new Outcomes();
        CountDownLatch running = new CountDownLatch(2);
        InProcessJobDispatcher dispatcher = new InProcessJobDispatcher(busyUntilAsked(running), outcomes, 2, Duration.ofSeconds(5));
        dispatcher.dispatch(job(10));
        dispatcher.dispatch(job(11));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.onShutdown(null);
        assertThat(outcomes.ends).containsEntry(10L, "paused").containsEntry(11L, "paused");
        dispatcher.dispatch(job(12));
        assertThat(outcomes.ends.get(12L)).startsWith("failed: the control-plane is shutting down");
    }

    @Test
    void anEngineCrashOrANonFinalAnswerIsAFailure() {
        Outcomes outcomes = new Outcomes();
        TransferRunner crashing = (job, control, sink) -> {
            if (job.executionId() == 20) {
                throw new IllegalStateException("boom with details that stay in the log");
            }
            return ExecutionStatus.RUNNING;
        };
        InProcessJobDispatcher dispatcher = new InProcessJobDispatcher(crashing, outcomes, 2, Duration.ofSeconds(5));
        dispatcher.dispatch(job(20));
        dispatcher.dispatch(job(21));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.ends.size() == 2);
        assertThat(outcomes.ends.get(20L))
                .isEqualTo("failed: the transfer engine failed unexpectedly (IllegalStateException); the server log has the details");
        assertThat(outcomes.ends.get(21L)).isEqualTo("failed: the transfer engine returned without a final status (running)");
        dispatcher.onShutdown(null);
    }
}
