package io.dtaas.controlplane.cluster;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.metadata.ExecutionTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.dtaas.controlplane.cluster.Reconciliation.EXECUTION;
import static org.assertj.core.api.Assertions.assertThat;

/** What the reconciler does with an active execution, from its records, its Redis entries and its live claims. */
class ReconciliationTest {

    private static ExecutionTable open(String name) {
        return new ExecutionTable(name, 0, "running", null, 10, 0, 1, 2, null, 1, 0);
    }

    private static ExecutionTable ended(String name) {
        return new ExecutionTable(name, 0, "completed", ExecutionStatus.COMPLETED, 20, 0, 2, 2, null, 1, 0);
    }

    /** Every key counts as lost for the grace; records which keys were asked about. */
    private static final class Lost implements java.util.function.Predicate<String> {
        final List<String> asked = new ArrayList<>();
        final boolean due;

        Lost(boolean due) {
            this.due = due;
        }

        @Override
        public boolean test(String key) {
            asked.add(key);
            return due;
        }
    }

    @Test
    void aTableWithNoEntryAndNoLiveClaimIsQueuedAgainOnceTheGraceIsOver() {
        List<ExecutionTable> tables = List.of(ended("public.a"), open("public.b"), open("public.c"), open("public.d"));
        Lost lost = new Lost(true);
        List<Reconciliation.Step> steps = Reconciliation.decide(ExecutionStatus.RUNNING, JobKind.FULL_LOAD, tables,
                Set.of("public.c"), Set.of("public.d"), lost);
        assertThat(steps).containsExactly(new Reconciliation.Requeue("public.b"));
        assertThat(lost.asked).as("only the lost table starts a clock").containsExactly("public.b");

        assertThat(Reconciliation.decide(ExecutionStatus.RUNNING, JobKind.FULL_LOAD, tables, Set.of("public.c"),
                Set.of("public.d"), new Lost(false))).as("within the grace").isEmpty();
    }

    @Test
    void aLivePlanJobQueuesTheMissingTablesItself() {
        List<ExecutionTable> tables = List.of(open("public.a"));
        assertThat(Reconciliation.decide(ExecutionStatus.RUNNING, JobKind.FULL_LOAD, tables, Set.of(EXECUTION), Set.of(),
                new Lost(true))).isEmpty();
    }

    @Test
    void anUnplannedExecutionWithoutItsPlanJobGetsItBack() {
        assertThat(Reconciliation.decide(ExecutionStatus.QUEUED, JobKind.FULL_LOAD, List.of(), Set.of(), Set.of(),
                new Lost(true))).containsExactly(new Reconciliation.Requeue(null));
        assertThat(Reconciliation.decide(ExecutionStatus.QUEUED, JobKind.FULL_LOAD, List.of(), Set.of(EXECUTION),
                Set.of(), new Lost(true))).as("queued, waiting for a worker").isEmpty();
    }

    @Test
    void anExecutionWhoseTablesAllEndedIsSettledFromTheRecords() {
        assertThat(Reconciliation.decide(ExecutionStatus.RUNNING, JobKind.FULL_LOAD,
                List.of(ended("public.a"), ended("public.b")), Set.of(), Set.of(), new Lost(false)))
                .containsExactly(new Reconciliation.Settle());
    }

    @Test
    void aStoppingExecutionRestatesItsStopAndEndsLostTablesInsteadOfRunningThem() {
        List<ExecutionTable> tables = List.of(ended("public.a"), open("public.b"), open("public.c"));
        assertThat(Reconciliation.decide(ExecutionStatus.STOPPING, JobKind.FULL_LOAD, tables, Set.of(), Set.of("public.c"),
                new Lost(true))).containsExactly(new Reconciliation.RestateStop(),
                new Reconciliation.EndLostTable("public.b"), new Reconciliation.Settle());
        assertThat(Reconciliation.decide(ExecutionStatus.STOPPING, JobKind.FULL_LOAD, List.of(), Set.of(), Set.of(),
                new Lost(true))).containsExactly(new Reconciliation.RestateStop(), new Reconciliation.EndStopped());
    }

    @Test
    void aChangeStreamIsOneJobKeptAliveByItsEntryOrItsStreamClaim() {
        assertThat(Reconciliation.decide(ExecutionStatus.RUNNING, JobKind.CDC, List.of(), Set.of(),
                Set.of(Reconciliation.STREAM_LEASE), new Lost(true))).isEmpty();
        assertThat(Reconciliation.decide(ExecutionStatus.RUNNING, JobKind.CDC, List.of(), Set.of(), Set.of(),
                new Lost(true))).containsExactly(new Reconciliation.Requeue(null));
    }

    @Test
    void lostClocksRunAcrossPassesAndStartOverWhenTheKeyIsSeenAlive() {
        Reconciliation.LostSince since = new Reconciliation.LostSince(Duration.ofSeconds(10));
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(since.lost(7, "public.a", t0)).isFalse();
        since.endPass();
        assertThat(since.lost(7, "public.a", t0.plusSeconds(9))).isFalse();
        since.endPass();
        assertThat(since.lost(7, "public.a", t0.plusSeconds(10))).isTrue();
        since.endPass();
        since.endPass(); // a pass where the table had its job again
        assertThat(since.lost(7, "public.a", t0.plusSeconds(30))).as("its clock started over").isFalse();
        since.reset(7, "public.a");
        assertThat(since.lost(8, "public.a", t0.plusSeconds(30))).as("per execution").isFalse();
    }
}
