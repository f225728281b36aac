package io.dtaas.controlplane.execution;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TableProgress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An ended execution never lists a table as running or pending: each gets an end state and a reason. */
class TableProgressJsonTest {

    private static final List<TableProgress> MIXED = List.of(
            new TableProgress("public.done", "completed", 100, 10, 2, 2, null),
            new TableProgress("public.busy", "running", 40, 4, 1, 2, null),
            new TableProgress("public.waiting", "pending", 0, 0, 0, 0, null),
            new TableProgress("public.broken", "failed", 5, 1, 0, 2, "table broken: boom"));

    @Test
    void aFailedExecutionFailsItsRunningTablesAndInterruptsTheUnstartedOnes() {
        List<TableProgress> settled = TableProgressJson.settled(MIXED, ExecutionStatus.FAILED, "table broken: boom");
        assertThat(settled).extracting(TableProgress::state).containsExactly("completed", "failed", "interrupted", "failed");
        assertThat(settled.get(1).error()).isEqualTo("did not finish: the execution failed: table broken: boom");
        assertThat(settled.get(2).error()).startsWith("not started: the execution failed");
        assertThat(settled.get(3).error()).as("a table's own reason stays").isEqualTo("table broken: boom");
        assertThat(settled.get(1).rows()).as("counters stay").isEqualTo(40);
    }

    /** Issue 14.3: browsers are told the same as the stored record: a paused change stream's tables are not running. */
    @Test
    void theFinalLiveEventOfAPausedRunShowsNoRunningTable() {
        io.dtaas.job.ProgressEvent paused = new io.dtaas.job.ProgressEvent(7, 3, ExecutionStatus.PAUSED, 145, 0, 0,
                List.of(new TableProgress("public.orders", "running", 145, 0, 0, 0, null)), null, java.time.Instant.now(),
                null);
        assertThat(ExecutionRecorder.settled(paused).tables()).extracting(TableProgress::state).containsExactly("interrupted");
        assertThat(ExecutionRecorder.settled(paused).processedRows()).isEqualTo(145);
    }

    @Test
    void stoppedAndPausedExecutionsInterruptTheirRunningTables() {
        for (ExecutionStatus status : List.of(ExecutionStatus.STOPPED, ExecutionStatus.PAUSED)) {
            List<TableProgress> settled = TableProgressJson.settled(MIXED, status, null);
            assertThat(settled).extracting(TableProgress::state).as(status.wireName())
                    .containsExactly("completed", "interrupted", "interrupted", "failed");
            assertThat(settled.get(1).error()).contains(status == ExecutionStatus.STOPPED ? "stopped" : "paused");
        }
    }

    @Test
    void runningExecutionsAreShownAsReported() {
        assertThat(TableProgressJson.settled(MIXED, ExecutionStatus.RUNNING, null)).isEqualTo(MIXED);
        assertThat(TableProgressJson.settled(MIXED, ExecutionStatus.STOPPING, null)).isEqualTo(MIXED);
    }

    /** Issue 19.3: how a table was split (its note) is stored with its progress and survives settling. */
    @Test
    void aTablesNoteIsStoredAndKeptWhenTheExecutionEnds() {
        TableProgress heap = new TableProgress("public.heap", "running", 40, 4, 1, 9, null,
                "no primary key or unique integer column: split by heap pages (ctid) into 9 chunks read in one snapshot");
        List<java.util.Map<String, Object>> stored = TableProgressJson.toJson(List.of(heap));
        assertThat(stored.getFirst()).containsEntry("note", heap.note());
        assertThat(TableProgressJson.fromJson(stored)).containsExactly(heap);
        assertThat(TableProgressJson.settled(List.of(heap), ExecutionStatus.STOPPED, null).getFirst().note())
                .isEqualTo(heap.note());
    }

    /** Issue 16 item 5: a stream table's copy and lag are stored with its progress; other tables store none. */
    @Test
    void aStreamTablesCopyAndLagAreStoredOnlyForStreamTables() {
        TableProgress copying = new TableProgress("public.c", "backfilling", 2100, 0, 0, 0, null, 0, 0, null,
                2048L, 5000L, 40, 0.4);
        TableProgress paused = new TableProgress("public.b", "paused", 30, 0, 0, 0, null, 0, 0, null,
                null, null, null, 61.5);
        List<java.util.Map<String, Object>> stored = TableProgressJson.toJson(List.of(copying, paused, MIXED.getFirst()));
        assertThat(stored.get(0)).containsEntry("copied", 2048L).containsEntry("copy_estimate", 5000L)
                .containsEntry("copy_percent", 40).containsEntry("lag_seconds", 0.4);
        assertThat(stored.get(1)).containsEntry("lag_seconds", 61.5).doesNotContainKeys("copied", "copy_percent");
        assertThat(stored.get(2)).doesNotContainKeys("copied", "copy_estimate", "copy_percent", "lag_seconds");
        assertThat(TableProgressJson.fromJson(stored)).containsExactly(copying, paused, MIXED.getFirst());
        // stored JSON read back through Hibernate's mapper gives Integer for small numbers
        java.util.Map<String, Object> read = new java.util.HashMap<>(stored.get(0));
        read.put("copied", 2048);
        read.put("copy_estimate", 5000);
        assertThat(TableProgressJson.fromJson(List.of(read))).containsExactly(copying);
    }
}
