package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.WorkerReport;
import io.dtaas.data.TableRef;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding table jobs' reports from several workers into one execution. */
class ExecutionTallyTest {

    private static final TableRef A = new TableRef("public", "a");
    private static final TableRef B = new TableRef("public", "b");

    /** What the tally told the recorder, in order. */
    private static final class Recorded implements ExecutionTally.Outlet {
        final List<ProgressEvent> progress = new ArrayList<>();
        final List<String> finished = new ArrayList<>();
        int started;
        List<String> stored = List.of();

        @Override
        public void started(long taskId, long executionId) {
            started++;
        }

        @Override
        public void progress(ProgressEvent event) {
            progress.add(event);
        }

        @Override
        public void finished(long taskId, long executionId, ExecutionStatus status, String error) {
            finished.add(status.wireName() + (error == null ? "" : ": " + error));
        }

        @Override
        public List<String> storedTables(long executionId) {
            return stored;
        }

        ProgressEvent last() {
            return progress.get(progress.size() - 1);
        }
    }

    private static ProgressEvent event(TableRef table, long rows, String state) {
        return new ProgressEvent(7, 3, ExecutionStatus.RUNNING, rows, rows * 10, 0,
                List.of(new TableProgress(table.toString(), state, rows, rows * 10, 1, 2, null)), null, Instant.now());
    }

    @Test
    void sumsTablesFromSeveralWorkersAndEndsWhenEveryPlannedTableEnded() {
        Recorded out = new Recorded();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.started(7, 3, "w1"));
        tally.accept(WorkerReport.planned(7, 3, List.of(A, B), "w1"));
        assertThat(out.last().tables()).extracting(TableProgress::state).containsExactly("pending", "pending");

        tally.accept(WorkerReport.progress(A, 1, event(A, 100, "running"), "w1"));
        tally.accept(WorkerReport.progress(B, 1, event(B, 50, "running"), "w2"));
        assertThat(out.last().processedRows()).isEqualTo(150);
        assertThat(out.last().bytes()).isEqualTo(1500);

        tally.accept(WorkerReport.tableFinished(7, 3, A, 1, event(A, 200, "completed"), ExecutionStatus.COMPLETED, null, "w1"));
        assertThat(out.finished).isEmpty();
        tally.accept(WorkerReport.tableFinished(7, 3, B, 1, event(B, 80, "completed"), ExecutionStatus.COMPLETED, null, "w2"));

        assertThat(out.started).isEqualTo(1);
        assertThat(out.finished).containsExactly("completed");
        assertThat(out.last().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(out.last().processedRows()).isEqualTo(280);
        assertThat(tally.open()).isZero();
    }

    @Test
    void ignoresReportsOfAWorkerThatLostItsTable() {
        Recorded out = new Recorded();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.planned(7, 3, List.of(A), "w1"));
        tally.accept(WorkerReport.progress(A, 2, event(A, 500, "running"), "w2"));
        tally.accept(WorkerReport.progress(A, 1, event(A, 900, "running"), "w1-zombie"));
        assertThat(out.last().processedRows()).isEqualTo(500);

        tally.accept(WorkerReport.tableFinished(7, 3, A, 1, event(A, 900, "failed"), ExecutionStatus.FAILED, "late", "w1-zombie"));
        assertThat(out.finished).isEmpty();
        tally.accept(WorkerReport.tableFinished(7, 3, A, 2, event(A, 1000, "completed"), ExecutionStatus.COMPLETED, null, "w2"));
        assertThat(out.finished).containsExactly("completed");
    }

    @Test
    void aFailedTableFailsTheExecutionAndStopBeatsPause() {
        assertThat(ExecutionTally.overall(List.of(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED, ExecutionStatus.STOPPED)))
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(ExecutionTally.overall(List.of(ExecutionStatus.PAUSED, ExecutionStatus.STOPPED)))
                .isEqualTo(ExecutionStatus.STOPPED);
        assertThat(ExecutionTally.overall(List.of(ExecutionStatus.COMPLETED, ExecutionStatus.PAUSED)))
                .isEqualTo(ExecutionStatus.PAUSED);

        Recorded out = new Recorded();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.planned(7, 3, List.of(A, B), "w1"));
        tally.accept(WorkerReport.tableFinished(7, 3, A, 1, null, ExecutionStatus.FAILED, "table a: boom", "w1"));
        tally.accept(WorkerReport.tableFinished(7, 3, B, 0, null, ExecutionStatus.PAUSED, null, "w2"));
        assertThat(out.finished).containsExactly("failed: table a: boom");
    }

    @Test
    void aControlPlaneRestartedMidRunFindsThePlanInTheStore() {
        Recorded out = new Recorded();
        out.stored = List.of(A.toString(), B.toString());
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.tableFinished(7, 3, A, 1, event(A, 10, "completed"), ExecutionStatus.COMPLETED, null, "w1"));
        assertThat(out.finished).isEmpty();
        tally.accept(WorkerReport.tableFinished(7, 3, B, 1, event(B, 10, "completed"), ExecutionStatus.COMPLETED, null, "w1"));
        assertThat(out.finished).containsExactly("completed");
    }

    @Test
    void aPlanThatEndsBeforeQueueingTablesEndsTheExecution() {
        Recorded out = new Recorded();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.started(7, 3, "w1"));
        tally.accept(WorkerReport.finished(7, 3, ExecutionStatus.FAILED, "task t: table x not found", "w1"));
        assertThat(out.finished).containsExactly("failed: task t: table x not found");
        assertThat(out.last().status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void aChangeStreamReportsItsOwnTotalsAndKeepsThemAtTheEnd() {
        Recorded out = new Recorded();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.started(7, 3, "w1"));
        tally.accept(WorkerReport.streamProgress(1, event(A, 40, "running"), "w1"));
        tally.accept(WorkerReport.streamProgress(2, event(A, 90, "running"), "w2"));
        tally.accept(WorkerReport.streamProgress(1, event(A, 45, "running"), "w1-zombie"));
        assertThat(out.last().processedRows()).isEqualTo(90);
        tally.accept(WorkerReport.finished(7, 3, null, ExecutionStatus.STOPPED, null, "w2"));
        assertThat(out.finished).containsExactly("stopped");
        assertThat(out.last().status()).isEqualTo(ExecutionStatus.STOPPED);
        assertThat(out.last().processedRows()).as("the stream's totals, not zero").isEqualTo(90);
    }
}
