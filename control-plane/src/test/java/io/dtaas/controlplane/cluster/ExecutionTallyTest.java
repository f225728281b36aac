package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.WorkerReport;
import io.dtaas.controlplane.execution.ExecutionLedger;
import io.dtaas.data.TableRef;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.metadata.ExecutionTable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folding table jobs' reports from several workers into one execution. The records live behind the outlet (the
 * ledger in the metadata database in production); here they live in {@link Records}, with the same rules: the
 * plan is recorded once, a table's first final report wins, a report of an epoch older than the recorded claim is
 * refused, and the execution ends when every planned table has a final report.
 */
class ExecutionTallyTest {

    private static final TableRef A = new TableRef("public", "a");
    private static final TableRef B = new TableRef("public", "b");

    /** The records (what the database would hold) and what the tally told the recorder, in order. */
    private static final class Records implements ExecutionTally.Outlet {
        final List<ProgressEvent> progress = new ArrayList<>();
        final List<String> finished = new ArrayList<>();
        final Map<String, ExecutionTable> tables = new LinkedHashMap<>();
        int started;
        int folds;

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
        public List<ExecutionTable> recorded(long executionId) {
            return List.copyOf(tables.values());
        }

        @Override
        public List<ExecutionTable> planned(long executionId, List<String> names) {
            if (tables.isEmpty()) {
                for (int i = 0; i < names.size(); i++) {
                    tables.put(names.get(i), new ExecutionTable(names.get(i), i, "pending", null, 0, 0, 0, 0, null, 0, 0));
                }
            }
            return recorded(executionId);
        }

        void claimed(TableRef table, long epoch) {
            ExecutionTable t = tables.get(table.toString());
            tables.put(t.table(), new ExecutionTable(t.table(), t.position(), "running", null, 0, 0, 0, 0, null, epoch, 0));
        }

        @Override
        public ExecutionLedger.Settlement tableFinished(WorkerReport report) {
            folds++;
            ExecutionTable t = tables.get(report.table().toString());
            if (t != null && !t.finished() && report.epoch() >= t.epoch()) {
                TableProgress last = report.event() == null ? null : report.event().tables().get(0);
                tables.put(t.table(), new ExecutionTable(t.table(), t.position(),
                        ExecutionTable.finalState(report.status(), last), report.status(), last == null ? 0 : last.rows(),
                        last == null ? 0 : last.bytes(), 0, 0, report.error(), report.epoch(), 0));
            }
            List<ExecutionTable> all = recorded(report.executionId());
            if (all.isEmpty() || !all.stream().allMatch(ExecutionTable::finished)) {
                return new ExecutionLedger.Settlement(all, null, null);
            }
            List<String> errors = all.stream().filter(x -> x.outcome() == ExecutionStatus.FAILED)
                    .map(ExecutionTable::error).toList();
            return new ExecutionLedger.Settlement(all, ExecutionLedger.overall(all.stream().map(ExecutionTable::outcome)
                    .toList()), errors.isEmpty() ? null : String.join("; ", errors));
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
        Records out = new Records();
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
        assertThat(out.last().tables()).extracting(TableProgress::state).containsExactly("completed", "completed");
        assertThat(tally.open()).isZero();
    }

    @Test
    void ignoresReportsOfAWorkerThatLostItsTable() {
        Records out = new Records();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.planned(7, 3, List.of(A), "w1"));
        out.claimed(A, 2);
        tally.accept(WorkerReport.progress(A, 2, event(A, 500, "running"), "w2"));
        tally.accept(WorkerReport.progress(A, 1, event(A, 900, "running"), "w1-zombie"));
        assertThat(out.last().processedRows()).isEqualTo(500);

        tally.accept(WorkerReport.tableFinished(7, 3, A, 1, event(A, 900, "failed"), ExecutionStatus.FAILED, "late", "w1-zombie"));
        assertThat(out.finished).isEmpty();
        tally.accept(WorkerReport.tableFinished(7, 3, A, 2, event(A, 1000, "completed"), ExecutionStatus.COMPLETED, null, "w2"));
        assertThat(out.finished).containsExactly("completed");
        assertThat(out.last().processedRows()).isEqualTo(1000);
    }

    @Test
    void aFailedTableFailsTheExecutionAndStopBeatsPause() {
        assertThat(ExecutionTally.overall(List.of(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED, ExecutionStatus.STOPPED)))
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(ExecutionTally.overall(List.of(ExecutionStatus.PAUSED, ExecutionStatus.STOPPED)))
                .isEqualTo(ExecutionStatus.STOPPED);
        assertThat(ExecutionTally.overall(List.of(ExecutionStatus.COMPLETED, ExecutionStatus.PAUSED)))
                .isEqualTo(ExecutionStatus.PAUSED);

        Records out = new Records();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.planned(7, 3, List.of(A, B), "w1"));
        tally.accept(WorkerReport.tableFinished(7, 3, A, 1, null, ExecutionStatus.FAILED, "table a: boom", "w1"));
        tally.accept(WorkerReport.tableFinished(7, 3, B, 0, null, ExecutionStatus.PAUSED, null, "w2"));
        assertThat(out.finished).containsExactly("failed: table a: boom");
        assertThat(out.last().tables()).extracting(TableProgress::state).containsExactly("failed", "interrupted")
                .doesNotContain("running", "pending");
    }

    @Test
    void aControlPlaneRestartedMidRunFindsThePlanAndTheEndedTablesInTheRecords() {
        Records out = new Records();
        out.planned(7, List.of(A.toString(), B.toString()));
        // table a ended (and was stored) before the restart; its report is read again afterwards
        out.tableFinished(WorkerReport.tableFinished(7, 3, A, 1, event(A, 10, "completed"), ExecutionStatus.COMPLETED, null, "w1"));

        ExecutionTally restarted = new ExecutionTally(out);
        restarted.accept(WorkerReport.tableFinished(7, 3, A, 1, event(A, 10, "completed"), ExecutionStatus.COMPLETED, null, "w1"));
        assertThat(out.finished).isEmpty();
        restarted.accept(WorkerReport.progress(B, 1, event(B, 4, "running"), "w1"));
        assertThat(out.last().processedRows()).as("a's stored rows plus b's progress").isEqualTo(14);
        restarted.accept(WorkerReport.tableFinished(7, 3, B, 1, event(B, 10, "completed"), ExecutionStatus.COMPLETED, null, "w1"));
        assertThat(out.finished).containsExactly("completed");
        assertThat(out.last().processedRows()).as("each table counted once").isEqualTo(20);
    }

    @Test
    void aReportFoldedTwiceCountsOnce() {
        Records out = new Records();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.planned(7, 3, List.of(A, B), "w1"));
        WorkerReport endA = WorkerReport.tableFinished(7, 3, A, 1, event(A, 300, "completed"), ExecutionStatus.COMPLETED,
                null, "w1");
        tally.accept(endA);
        tally.accept(endA);
        assertThat(out.finished).isEmpty();
        assertThat(out.last().processedRows()).isEqualTo(300);
        tally.accept(WorkerReport.tableFinished(7, 3, B, 1, event(B, 200, "completed"), ExecutionStatus.COMPLETED, null, "w2"));
        assertThat(out.finished).containsExactly("completed");
        assertThat(out.last().processedRows()).isEqualTo(500);
    }

    @Test
    void aPlanThatEndsBeforeQueueingTablesEndsTheExecution() {
        Records out = new Records();
        ExecutionTally tally = new ExecutionTally(out);
        tally.accept(WorkerReport.started(7, 3, "w1"));
        tally.accept(WorkerReport.finished(7, 3, ExecutionStatus.FAILED, "task t: table x not found", "w1"));
        assertThat(out.finished).containsExactly("failed: task t: table x not found");
        assertThat(out.last().status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void aChangeStreamReportsItsOwnTotalsAndKeepsThemAtTheEnd() {
        Records out = new Records();
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
