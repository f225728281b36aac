package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.testing.MetadataDb;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TableProgress;
import io.dtaas.metadata.ExecutionTable;
import io.dtaas.metadata.ExecutionTables;
import io.dtaas.metadata.TableLeases;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records of distributed executions on the real metadata PostgreSQL: a plan is recorded once, a table's final
 * report is stored once (first wins, stale epochs refused, fenced by the lease), and the ledger ends an execution
 * only when every planned table has a report, with totals summed from the reports however often they are folded.
 */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class ExecutionLedgerIT {

    private static final String SOURCE_DB = "dtaas_tasks_ledger";

    @Inject
    ExecutionTables tables;

    @Inject
    TableLeases leases;

    @Inject
    ExecutionLedger ledger;

    private long task;

    @BeforeEach
    void task() throws Exception {
        TaskApi.sourceDatabase(SOURCE_DB);
        long source = TaskApi.pgConnector("source", SOURCE_DB);
        long destination = TaskApi.pgConnector("destination", SOURCE_DB);
        task = TaskApi.createTask(TaskApi.task("ledger " + System.nanoTime(), source, destination, List.of("customers")));
    }

    /** A running execution as a dispatcher leaves it. */
    private long execution() {
        MetadataDb.execute("UPDATE tasks SET status = 'running' WHERE id = ?", task);
        return MetadataDb.scalar("INSERT INTO executions (task_id, status, started_at, created_at)"
                + " VALUES (?, 'running', now(), now()) RETURNING id", task);
    }

    private static TableProgress done(String table, long rows) {
        return new TableProgress(table, "completed", rows, rows * 10, 2, 2, null);
    }

    @Test
    void aPlanIsRecordedOnceEvenByPlannersRacing() throws Exception {
        long execution = execution();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CyclicBarrier together = new CyclicBarrier(4);
        List<Future<List<ExecutionTable>>> plans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<String> names = List.of("public.a" + i, "public.b" + i, "public.c" + i);
            Callable<List<ExecutionTable>> plan = () -> {
                together.await();
                return tables.plan(execution, names);
            };
            plans.add(pool.submit(plan));
        }
        List<String> first = null;
        for (Future<List<ExecutionTable>> f : plans) {
            List<String> recorded = f.get().stream().map(ExecutionTable::table).toList();
            assertThat(recorded).hasSize(3);
            if (first == null) {
                first = recorded;
            }
            assertThat(recorded).as("every planner got the one recorded plan").isEqualTo(first);
        }
        pool.shutdown();
        assertThat(MetadataDb.scalar("SELECT count(*) FROM execution_tables WHERE execution_id = ?", execution)).isEqualTo(3);
        assertThat(tables.plan(execution, List.of("public.other"))).extracting(ExecutionTable::table)
                .as("a plan job run again keeps the recorded plan").isEqualTo(first);
        assertThat(tables.of(execution)).extracting(ExecutionTable::position).containsExactly(0, 1, 2);
    }

    @Test
    void aFinalReportIsStoredOnceAndOnlyUnderTheCurrentClaim() {
        long execution = execution();
        tables.plan(execution, List.of("public.a"));
        long stale = leases.claim(task, "public.a", execution, "worker-1");
        tables.claimed(execution, "public.a", stale);
        long current = leases.claim(task, "public.a", execution, "worker-2"); // worker-1 stalled past its lease
        tables.claimed(execution, "public.a", current);
        assertThat(current).isGreaterThan(stale);

        assertThat(tables.finish(execution, "public.a", stale, ExecutionStatus.FAILED, done("public.a", 5), "late",
                task)).as("the stale worker's own write is fenced").isFalse();
        assertThat(tables.finish(execution, "public.a", stale, ExecutionStatus.FAILED, done("public.a", 5), "late",
                null)).as("its report folded by the control-plane is older than the recorded claim").isFalse();
        assertThat(tables.finish(execution, "public.a", current, ExecutionStatus.COMPLETED, done("public.a", 700), null,
                task)).isTrue();
        assertThat(tables.finish(execution, "public.a", current, ExecutionStatus.COMPLETED, done("public.a", 999), null,
                null)).as("the same report again").isFalse();
        assertThat(tables.endUnclaimed(execution, "public.a", ExecutionStatus.STOPPED, "lost")).isFalse();

        ExecutionTable a = tables.of(execution).get(0);
        assertThat(a.outcome()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(a.rows()).isEqualTo(700);
        assertThat(a.state()).isEqualTo("completed");
        assertThat(a.epoch()).isEqualTo(current);
        assertThat(leases.renew(task, "public.a", stale)).as("the stale claim cannot renew").isFalse();
        assertThat(leases.renew(task, "public.a", current)).isTrue();
        assertThat(leases.alive(task, execution, Duration.ofSeconds(30))).containsExactly("public.a");
    }

    @Test
    void theLedgerEndsTheExecutionWithTheLastTableAndSumsEachTableOnce() {
        long execution = execution();
        tables.plan(execution, List.of("public.a", "public.b"));
        ExecutionLedger.Settlement first = ledger.tableFinished(task, execution, "public.a", 1, ExecutionStatus.COMPLETED,
                done("public.a", 300), null);
        assertThat(first.ended()).isNull();
        // the control-plane restarted and reads the same report again
        assertThat(ledger.tableFinished(task, execution, "public.a", 1, ExecutionStatus.COMPLETED,
                done("public.a", 300), null).ended()).isNull();
        assertThat(TaskApi.execution(execution).getString("status")).isEqualTo("running");

        ExecutionLedger.Settlement last = ledger.tableFinished(task, execution, "public.b", 1, ExecutionStatus.COMPLETED,
                done("public.b", 200), null);
        assertThat(last.ended()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(last.rows()).isEqualTo(500);
        JsonPath e = TaskApi.execution(execution);
        assertThat(e.getString("status")).isEqualTo("completed");
        assertThat(e.getLong("processed_rows")).isEqualTo(500);
        assertThat(e.getList("table_progress.table")).containsExactly("public.a", "public.b");
        assertThat(e.getList("table_progress.state")).containsExactly("completed", "completed");
        assertThat(TaskApi.taskJson(task).getString("status")).isEqualTo("completed");

        assertThat(ledger.tableFinished(task, execution, "public.b", 2, ExecutionStatus.FAILED, done("public.b", 1),
                "late").ended()).as("an ended execution stays as it ended").isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(TaskApi.execution(execution).getLong("processed_rows")).isEqualTo(500);
    }

    @Test
    void aFailedTableFailsTheExecutionAndATableLostWhileStoppingEndsStopped() {
        long failing = execution();
        tables.plan(failing, List.of("public.a", "public.b"));
        ledger.tableFinished(task, failing, "public.a", 1, ExecutionStatus.FAILED,
                new TableProgress("public.a", "failed", 40, 0, 1, 3, "task t, table public.a: boom"), "task t, table public.a: boom");
        assertThat(ledger.settle(task, failing).ended()).as("b has no report yet").isNull();
        assertThat(ledger.tableFinished(task, failing, "public.b", 1, ExecutionStatus.COMPLETED, done("public.b", 60),
                null).ended()).isEqualTo(ExecutionStatus.FAILED);
        JsonPath f = TaskApi.execution(failing);
        assertThat(f.getString("error_message")).isEqualTo("task t, table public.a: boom");
        assertThat(f.getLong("processed_rows")).isEqualTo(100);
        assertThat(f.getList("table_progress.state")).containsExactly("failed", "completed");

        long stopping = execution();
        MetadataDb.execute("UPDATE executions SET status = 'stopping' WHERE id = ?", stopping);
        tables.plan(stopping, List.of("public.a", "public.b"));
        ledger.tableFinished(task, stopping, "public.a", 1, ExecutionStatus.STOPPED,
                new TableProgress("public.a", "interrupted", 10, 0, 1, 3, null), null);
        ExecutionLedger.Settlement s = ledger.endLost(task, stopping, "public.b", ExecutionStatus.STOPPED, "its job was lost");
        assertThat(s.ended()).isEqualTo(ExecutionStatus.STOPPED);
        JsonPath st = TaskApi.execution(stopping);
        assertThat(st.getString("status")).isEqualTo("stopped");
        assertThat(st.getList("table_progress.state")).containsExactly("interrupted", "interrupted");
        assertThat(st.getString("table_progress[1].error")).isEqualTo("its job was lost");
    }
}
