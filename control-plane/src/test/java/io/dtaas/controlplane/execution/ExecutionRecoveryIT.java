package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.testing.MetadataDb;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.ScriptedTransferRunner;
import io.dtaas.controlplane.testing.TaskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Executions a previous process left under way are marked failed, resumable; this process's own are left alone. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class ExecutionRecoveryIT {

    private static final String SOURCE_DB = "dtaas_tasks_recovery";

    @Inject
    ExecutionRecovery recovery;

    @Inject
    ScriptedTransferRunner runner;

    /** An execution row as a crashed process leaves it: created before this process started, still active. */
    private static long orphan(long taskId, String status) {
        MetadataDb.execute("UPDATE tasks SET status = ? WHERE id = ?", status, taskId);
        return MetadataDb.scalar("INSERT INTO executions (task_id, status, processed_rows, started_at, created_at)"
                + " VALUES (?, ?, 1234, now() - interval '1 hour', now() - interval '1 hour') RETURNING id", taskId, status);
    }

    @Test
    void orphansBecomeFailedAndResumable() throws Exception {
        TaskApi.sourceDatabase(SOURCE_DB);
        long source = TaskApi.pgConnector("source", SOURCE_DB);
        long destination = TaskApi.pgConnector("destination", SOURCE_DB);
        long running = TaskApi.createTask(TaskApi.task("orphan running " + System.nanoTime(), source, destination, List.of("customers")));
        long queued = TaskApi.createTask(TaskApi.task("orphan queued " + System.nanoTime(), source, destination, List.of("orders")));
        long stopping = TaskApi.createTask(TaskApi.task("orphan stopping " + System.nanoTime(), source, destination, List.of("orders")));
        long runningExecution = orphan(running, "running");
        long queuedExecution = orphan(queued, "queued");
        long stoppingExecution = orphan(stopping, "stopping");
        // the running one's last progress showed a table running and one not started
        MetadataDb.execute("UPDATE executions SET table_progress = CAST(? AS jsonb) WHERE id = ?",
                "[{\"table\": \"public.customers\", \"state\": \"running\", \"rows\": 1234, \"bytes\": 0,"
                        + " \"chunks_done\": 1, \"chunks_total\": 3, \"error\": null},"
                        + " {\"table\": \"public.orders\", \"state\": \"pending\", \"rows\": 0, \"bytes\": 0,"
                        + " \"chunks_done\": 0, \"chunks_total\": 0, \"error\": null}]", runningExecution);

        // one execution of this process is under way, held mid-run: recovery must not touch it
        String liveName = "live " + System.nanoTime();
        long live = TaskApi.createTask(TaskApi.task(liveName, source, destination, List.of("products")));
        ScriptedTransferRunner.Gate gate = runner.script(liveName).holdBefore("products", 1);
        long liveExecution = TaskApi.start(live);
        gate.awaitReached();

        assertThat(recovery.recoverOrphans()).isEqualTo(3);

        for (long[] pair : new long[][]{{running, runningExecution}, {queued, queuedExecution}, {stopping, stoppingExecution}}) {
            JsonPath e = TaskApi.execution(pair[1]);
            assertThat(e.getString("status")).isEqualTo("failed");
            assertThat(e.getString("error_message")).isEqualTo(ExecutionRecovery.INTERRUPTED);
            assertThat(e.getString("finished_at")).isNotNull();
            assertThat(e.getLong("processed_rows")).isEqualTo(1234);
            assertThat(TaskApi.taskJson(pair[0]).getString("status")).isEqualTo("failed");
        }
        JsonPath failed = TaskApi.execution(runningExecution);
        assertThat(failed.getList("table_progress.state")).as("nothing runs them any more")
                .containsExactly("failed", "interrupted");
        assertThat(failed.getString("table_progress[0].error"))
                .isEqualTo("did not finish: the execution failed: " + ExecutionRecovery.INTERRUPTED);
        assertThat(failed.getString("table_progress[1].error")).startsWith("not started: the execution failed");
        assertThat(failed.getLong("table_progress[0].rows")).isEqualTo(1234);
        assertThat(TaskApi.execution(liveExecution).getString("status")).isEqualTo("running");
        assertThat(recovery.recoverOrphans()).isZero();

        gate.release();
        TaskApi.awaitExecution(liveExecution, "completed");
        long resumed = TaskApi.action(running, "resume").statusCode(202).extract().jsonPath().getLong("id");
        TaskApi.awaitExecution(resumed, "completed");
        long restarted = TaskApi.start(queued);
        TaskApi.awaitExecution(restarted, "completed");
    }
}
