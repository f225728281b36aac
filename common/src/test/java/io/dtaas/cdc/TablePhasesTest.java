package io.dtaas.cdc;

import io.dtaas.cdc.TablePhases.Phase;
import io.dtaas.cdc.TablePhases.TableState;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: the tables' phases survive a restart, and a copy is done once the offsets stop listing its table. */
class TablePhasesTest {

    @TempDir
    Path dir;

    @Test
    void phasesAreSavedAndReadBack() {
        TablePhases phases = TablePhases.load(new FileStreamState(dir));
        assertThat(phases.isEmpty()).isTrue();
        phases.signalTable("public.dtaas_task_1_signal");
        phases.put("public.a", TableState.of(Phase.STREAMING));
        phases.put("public.c", new TableState(Phase.FAILED, false, false, "check violated", "{id=7}", 0));
        TablePhases read = TablePhases.load(new FileStreamState(dir));
        assertThat(read.signalTable()).isEqualTo("public.dtaas_task_1_signal");
        assertThat(read.all()).containsEntry("public.a", TableState.of(Phase.STREAMING))
                .containsEntry("public.c", new TableState(Phase.FAILED, false, false, "check violated", "{id=7}", 0));
        new FileStreamState(dir).clear();
        assertThat(TablePhases.load(new FileStreamState(dir)).isEmpty()).isTrue();
    }

    @Test
    void aCopyIsDoneOnlyAfterItsTableWasSeenInTheOffsetsAndThenNoLonger() {
        TablePhases phases = TablePhases.load(new FileStreamState(dir));
        phases.put("public.c", new TableState(Phase.BACKFILLING, true, false, null, null, 0));
        TableLifecycle lifecycle = new TableLifecycle(phases, null, null, t -> null);
        // the signal is not read yet: no snapshot in the offsets, the copy is not done
        lifecycle.observe(List.of(record(Map.of("lsn", 1L))));
        assertThat(phases.phase("public.c")).isEqualTo(Phase.BACKFILLING);
        lifecycle.observe(List.of(record(Map.of("lsn", 2L, TableLifecycle.SNAPSHOT_COLLECTIONS,
                "[{\"incremental_snapshot_collections_id\":\"public.c\"}]"))));
        assertThat(phases.get("public.c").orElseThrow().seen()).isTrue();
        assertThat(TablePhases.load(new FileStreamState(dir)).get("public.c").orElseThrow().seen()).as("saved").isTrue();
        lifecycle.observe(List.of(record(Map.of("lsn", 3L))));
        assertThat(phases.phase("public.c")).isEqualTo(Phase.STREAMING);
        assertThat(TablePhases.load(new FileStreamState(dir)).phase("public.c")).isEqualTo(Phase.STREAMING);
    }

    /**
     * After a restart in the middle of a copy, PostgreSQL's Debezium marks its restored position as inside a
     * snapshot and leaves the incremental snapshot's fields out of the offsets until the copy ends: such offsets
     * do not end the copy; the first offset without the mark that does not list the table does.
     */
    @Test
    void offsetsMarkedAsInsideASnapshotDoNotEndAResumedCopy() {
        TablePhases phases = TablePhases.load(new FileStreamState(dir));
        phases.put("public.c", new TableState(Phase.BACKFILLING, true, true, null, null, 60_000));
        TableLifecycle lifecycle = new TableLifecycle(phases, null, null, t -> null);
        lifecycle.observe(List.of(record(Map.of("lsn", 4L, "snapshot", "INCREMENTAL", "last_snapshot_record", false,
                "snapshot_completed", false))));
        assertThat(phases.phase("public.c")).as("resumed copy still running").isEqualTo(Phase.BACKFILLING);
        lifecycle.observe(List.of(record(Map.of("lsn", 5L, "snapshot", false))));
        assertThat(phases.phase("public.c")).isEqualTo(Phase.STREAMING);
        assertThat(phases.get("public.c").orElseThrow().copied()).isEqualTo(60_000);
    }

    private static SourceRecord record(Map<String, ?> offset) {
        return new SourceRecord(Map.of("server", "s"), offset, "topic", null, null);
    }

    @Test
    void aCopysPercentageIsCappedBelowAHundredUntilItStreamsAndItsEstimateSurvivesARestart() {
        TablePhases phases = TablePhases.load(new FileStreamState(dir));
        phases.put("public.c", new TableState(Phase.BACKFILLING, true, false, null, null, 0, 2_000L, null));
        assertThat(phases.get("public.c").orElseThrow().copyPercent()).isZero();
        phases.copied("public.c", 500);
        assertThat(phases.get("public.c").orElseThrow().copyPercent()).isEqualTo(25);
        phases.copied("public.c", 1_700); // the estimate is a statistic: the copy may pass it
        assertThat(phases.get("public.c").orElseThrow().copyPercent()).isEqualTo(99);
        phases.save();
        TableState read = TablePhases.load(new FileStreamState(dir)).get("public.c").orElseThrow();
        assertThat(read.copied()).isEqualTo(2_200);
        assertThat(read.estimate()).isEqualTo(2_000L);
        assertThat(TableState.of(Phase.STREAMING).copyPercent()).isEqualTo(100);
        assertThat(new TableState(Phase.RESYNCING, true, false, null, null, 10).copyPercent())
                .as("no estimate, no percentage").isNull();
        assertThat(new TableState(Phase.RESYNCING, true, false, null, null, 0, 0L, null).copyPercent()).isZero();
        assertThat(TableState.stopped(Phase.PAUSED, null, null, 1_000).copyPercent()).isNull();
    }

    @Test
    void aTablesLagIsTheStreamsWhileAppliedAndTheTimeSinceItStoppedOtherwise() {
        assertThat(TableState.of(Phase.STREAMING).lagSeconds(1.5, 99_000)).isEqualTo(1.5);
        assertThat(TableState.of(Phase.RESYNCING).lagSeconds(0.25, 99_000)).isEqualTo(0.25);
        assertThat(TableState.stopped(Phase.PAUSED, null, null, 40_000).lagSeconds(0.25, 100_500)).isEqualTo(60.5);
        assertThat(TableState.stopped(Phase.FAILED, "refused", "{id=7}", 100_000).lagSeconds(0.25, 100_000)).isZero();
        assertThat(TableState.of(Phase.PAUSED).lagSeconds(0.25, 100_000)).as("stopped at an unknown time").isNull();
    }
}
