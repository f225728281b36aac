package io.dtaas.controlplane.dispatch;

import io.dtaas.controlplane.testing.OneWorkerProfile;
import io.dtaas.controlplane.testing.ScriptedTransferRunner;
import io.dtaas.controlplane.testing.TaskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** With one worker, executions wait queued; a stop or pause that reaches them in the queue ends them unrun. */
@QuarkusTest
@TestProfile(OneWorkerProfile.class)
class WorkerPoolIT {

    private static final String SOURCE_DB = "dtaas_tasks_pool";

    @Inject
    ScriptedTransferRunner runner;

    @Test
    void queuedExecutionsWaitForTheWorkerAndHonourRequestsMadeMeanwhile() throws Exception {
        TaskApi.sourceDatabase(SOURCE_DB);
        long source = TaskApi.pgConnector("source", SOURCE_DB);
        long destination = TaskApi.pgConnector("destination", SOURCE_DB);
        String busyName = "busy " + System.nanoTime();
        long busy = TaskApi.createTask(TaskApi.task(busyName, source, destination, List.of("customers")));
        long toStop = TaskApi.createTask(TaskApi.task("to stop " + System.nanoTime(), source, destination, List.of("orders")));
        long toPause = TaskApi.createTask(TaskApi.task("to pause " + System.nanoTime(), source, destination, List.of("orders")));
        long waiting = TaskApi.createTask(TaskApi.task("waiting " + System.nanoTime(), source, destination, List.of("products")));

        ScriptedTransferRunner.Gate gate = runner.script(busyName).holdBefore("customers", 0);
        long busyExecution = TaskApi.start(busy);
        gate.awaitReached();
        long stopExecution = TaskApi.start(toStop);
        long pauseExecution = TaskApi.start(toPause);
        long waitingExecution = TaskApi.start(waiting);
        assertThat(TaskApi.execution(waitingExecution).getString("status")).isEqualTo("queued");
        assertThat(TaskApi.taskJson(waiting).getString("status")).isEqualTo("queued");

        TaskApi.action(toStop, "stop").statusCode(202).body("status", equalTo("stopping"));
        TaskApi.action(toPause, "pause").statusCode(202).body("status", equalTo("queued"));
        gate.release();

        TaskApi.awaitExecution(busyExecution, "completed");
        JsonPath stopped = TaskApi.awaitExecution(stopExecution, "stopped");
        assertThat(stopped.getString("started_at")).isNull();
        assertThat(stopped.getLong("processed_rows")).isZero();
        JsonPath paused = TaskApi.awaitExecution(pauseExecution, "paused");
        assertThat(paused.getString("started_at")).isNull();
        JsonPath completed = TaskApi.awaitExecution(waitingExecution, "completed");
        assertThat(completed.getLong("processed_rows")).isEqualTo(300);

        long resumed = TaskApi.action(toPause, "resume").statusCode(202).extract().jsonPath().getLong("id");
        assertThat(TaskApi.awaitExecution(resumed, "completed").getLong("processed_rows")).isEqualTo(300);
    }
}
