package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.testing.MetadataDb;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.ScriptedTransferRunner;
import io.dtaas.controlplane.testing.TaskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The task state machine through the API, with the scripted runner held mid-run where a test needs it. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class TaskLifecycleIT {

    private static final String SOURCE_DB = "dtaas_tasks_flow";
    private static long source;
    private static long destination;
    private static boolean prepared;

    @Inject
    ScriptedTransferRunner runner;

    @BeforeEach
    void fixtures() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        TaskApi.sourceDatabase(SOURCE_DB);
        source = TaskApi.pgConnector("source", SOURCE_DB);
        destination = TaskApi.pgConnector("destination", SOURCE_DB);
    }

    private record Task(long id, String name) {
    }

    private static Task task(String label, String... tables) {
        String name = label + " " + System.nanoTime();
        return new Task(TaskApi.createTask(TaskApi.task(name, source, destination, List.of(tables))), name);
    }

    private static int executionCount(long taskId) {
        return when().get("/api/tasks/" + taskId + "/executions").then().extract().jsonPath().getList("id").size();
    }

    @Test
    void aSecondStartWhileRunningAnswersTheSameExecution() throws Exception {
        Task t = task("idempotent", "customers");
        ScriptedTransferRunner.Gate gate = runner.script(t.name()).holdBefore("customers", 1);
        long execution = TaskApi.start(t.id());
        gate.awaitReached();
        TaskApi.awaitExecution(execution, "running");
        TaskApi.action(t.id(), "start").statusCode(200)
                .body("id", equalTo((int) execution))
                .body("status", equalTo("running"));
        assertThat(executionCount(t.id())).isEqualTo(1);
        gate.release();
        TaskApi.awaitExecution(execution, "completed");
        assertThat(executionCount(t.id())).isEqualTo(1);
    }

    @Test
    void pauseMidRunThenResumeContinuesFromCheckpoints() throws Exception {
        Task t = task("pause", "customers", "orders");
        ScriptedTransferRunner.Script script = runner.script(t.name()).batches(4, 50);
        ScriptedTransferRunner.Gate gate = script.holdBefore("orders", 2);
        long first = TaskApi.start(t.id());
        gate.awaitReached();
        // progress written while the run is held (the throttle's trailing write)
        org.awaitility.Awaitility.await().atMost(TaskApi.WAIT)
                .untilAsserted(() -> assertThat(TaskApi.execution(first).getLong("processed_rows")).isEqualTo(300));

        TaskApi.action(t.id(), "pause").statusCode(202).body("id", equalTo((int) first));
        gate.release();
        JsonPath paused = TaskApi.awaitExecution(first, "paused");
        assertThat(paused.getLong("processed_rows")).isEqualTo(300);
        assertThat(paused.getList("table_progress.chunks_done")).containsExactly(4, 2);
        assertThat(paused.getString("finished_at")).isNotNull();
        assertThat(TaskApi.taskJson(t.id()).getString("status")).isEqualTo("paused");
        TaskApi.action(t.id(), "pause").statusCode(200).body("status", equalTo("paused"));

        long second = TaskApi.action(t.id(), "resume").statusCode(202).body("status", equalTo("queued"))
                .extract().jsonPath().getLong("id");
        assertThat(second).isNotEqualTo(first);
        JsonPath resumed = TaskApi.awaitExecution(second, "completed");
        // only the two batches the paused run had not committed were moved again
        assertThat(resumed.getLong("processed_rows")).isEqualTo(100);
        assertThat(resumed.getList("table_progress.chunks_done")).containsExactly(4, 4);
        assertThat(resumed.getList("table_progress.rows")).containsExactly(200, 200);
        assertThat(TaskApi.execution(first).getString("status")).isEqualTo("paused");
        // issue 14.2: the two are linked both ways, so the paused one reads "resumed by #second"
        assertThat(TaskApi.execution(first).getLong("resumed_by")).isEqualTo(second);
        assertThat(resumed.getLong("resumed_from")).isEqualTo(first);
        assertThat(resumed.getString("resumed_by")).isNull();
        when().get("/api/tasks/" + t.id()).then().body("status", equalTo("completed"))
                .body("last_execution.id", equalTo((int) second));
        when().get("/api/tasks/" + t.id() + "/executions").then()
                .body("id", org.hamcrest.Matchers.contains((int) second, (int) first));
    }

    @Test
    void stopMidRunEndsStoppedAndTheNextStartBeginsFromScratch() throws Exception {
        Task t = task("stop", "customers", "orders");
        ScriptedTransferRunner.Gate gate = runner.script(t.name()).holdBefore("orders", 1);
        long first = TaskApi.start(t.id());
        gate.awaitReached();
        TaskApi.action(t.id(), "stop").statusCode(202).body("id", equalTo((int) first)).body("status", equalTo("stopping"));
        assertThat(TaskApi.taskJson(t.id()).getString("status")).isEqualTo("stopping");
        // while stopping: start answers the execution, stop repeats harmlessly, pause and delete are refused
        TaskApi.action(t.id(), "start").statusCode(200).body("id", equalTo((int) first)).body("status", equalTo("stopping"));
        TaskApi.action(t.id(), "stop").statusCode(200).body("status", equalTo("stopping"));
        TaskApi.action(t.id(), "pause").statusCode(409).body("detail", containsString("it is stopping"));
        when().delete("/api/tasks/" + t.id()).then().statusCode(409);
        gate.release();

        JsonPath stopped = TaskApi.awaitExecution(first, "stopped");
        assertThat(stopped.getLong("processed_rows")).isEqualTo(400);
        assertThat(stopped.getString("finished_at")).isNotNull();
        assertThat(TaskApi.taskJson(t.id()).getString("status")).isEqualTo("stopped");
        TaskApi.action(t.id(), "resume").statusCode(409);

        long second = TaskApi.start(t.id());
        JsonPath fresh = TaskApi.awaitExecution(second, "completed");
        assertThat(fresh.getLong("processed_rows")).isEqualTo(600);
    }

    @Test
    void stoppingAPausedTaskEndsItAtOnce() throws Exception {
        Task t = task("paused then stopped", "products");
        ScriptedTransferRunner.Gate gate = runner.script(t.name()).holdBefore("products", 1);
        long first = TaskApi.start(t.id());
        gate.awaitReached();
        TaskApi.action(t.id(), "pause").statusCode(202);
        gate.release();
        TaskApi.awaitExecution(first, "paused");
        TaskApi.action(t.id(), "start").statusCode(409)
                .body("detail", equalTo("cannot start task " + t.id() + ": it is paused. Resume it to continue from its"
                        + " checkpoints, or stop it and then start it from scratch. Allowed now: resume, stop, delete."));
        TaskApi.action(t.id(), "stop").statusCode(200).body("id", equalTo((int) first)).body("status", equalTo("stopped"));
        assertThat(TaskApi.taskJson(t.id()).getString("status")).isEqualTo("stopped");
        TaskApi.action(t.id(), "stop").statusCode(200);
        long second = TaskApi.start(t.id());
        assertThat(TaskApi.awaitExecution(second, "completed").getLong("processed_rows")).isEqualTo(300);
    }

    @Test
    void illegalTransitionsAre409NamingStatusAndAllowedActions() throws Exception {
        Task t = task("illegal", "customers");
        String idle = "cannot %s task " + t.id() + ": it is idle. Allowed now: start, delete.";
        TaskApi.action(t.id(), "pause").statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo(idle.formatted("pause")));
        TaskApi.action(t.id(), "resume").statusCode(409).body("detail", equalTo(idle.formatted("resume")));
        TaskApi.action(t.id(), "stop").statusCode(409).body("detail", equalTo(idle.formatted("stop")));
        assertThat(executionCount(t.id())).isZero();

        ScriptedTransferRunner.Gate gate = runner.script(t.name()).holdBefore("customers", 0);
        long execution = TaskApi.start(t.id());
        gate.awaitReached();
        TaskApi.action(t.id(), "resume").statusCode(409)
                .body("detail", equalTo("cannot resume task " + t.id() + ": it is running. Allowed now: pause, stop."));
        when().delete("/api/tasks/" + t.id()).then().statusCode(409)
                .body("detail", equalTo("cannot delete task " + t.id() + ": it is running. Stop it first. Allowed now: pause, stop."));
        gate.release();
        TaskApi.awaitExecution(execution, "completed");
        TaskApi.action(t.id(), "pause").statusCode(409).body("detail", containsString("it is completed"));
        TaskApi.action(t.id(), "resume").statusCode(409).body("detail", containsString("Allowed now: start, delete."));
        assertThat(executionCount(t.id())).isEqualTo(1);
        when().delete("/api/tasks/" + t.id()).then().statusCode(204);
    }

    @Test
    void aFailedRunReportsItsErrorAndCanBeResumed() {
        Task t = task("fails", "customers", "orders");
        runner.script(t.name()).failAt("orders", 1, "duplicate key value violates unique constraint");
        long first = TaskApi.start(t.id());
        JsonPath failed = TaskApi.awaitExecution(first, "failed");
        assertThat(failed.getString("error_message"))
                .isEqualTo("task " + t.name() + ", table orders, chunk 1: duplicate key value violates unique constraint");
        assertThat(failed.getList("table_progress.state")).containsExactly("completed", "failed");
        assertThat(failed.getLong("processed_rows")).isEqualTo(400);
        when().get("/api/tasks/" + t.id()).then().body("status", equalTo("failed"))
                .body("last_execution.error_message", containsString("duplicate key"));

        runner.script(t.name()); // the cause is fixed: default script, no failure
        long second = TaskApi.action(t.id(), "resume").statusCode(202).extract().jsonPath().getLong("id");
        assertThat(TaskApi.awaitExecution(second, "completed").getLong("processed_rows")).isEqualTo(200);
    }

    @Test
    void progressWritesAreThrottledButTheFinalOneIsAlwaysStored() {
        Task t = task("throttled", "customers");
        runner.script(t.name()).batches(1500, 1);
        long started = System.nanoTime();
        long execution = TaskApi.start(t.id());
        JsonPath done = TaskApi.awaitExecution(execution, "completed");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(done.getLong("processed_rows")).isEqualTo(1500);
        assertThat(done.getList("table_progress.chunks_done")).containsExactly(1500);
        // the row version counts the writes: 1500 progress events, but only start, first report, one per 500 ms and the end
        long writes = MetadataDb.scalar("SELECT version FROM executions WHERE id = ?", execution);
        assertThat(writes).isLessThanOrEqualTo((long) Math.ceil(seconds * 2) + 3);
    }

    @Test
    void aStopBeforeTheFirstBatchMovesNothing() throws Exception {
        Task t = task("stopped early", "customers");
        ScriptedTransferRunner.Gate gate = runner.script(t.name()).holdBefore("customers", 0);
        long execution = TaskApi.start(t.id());
        gate.awaitReached();
        TaskApi.action(t.id(), "stop").statusCode(202);
        gate.release();
        TaskApi.awaitExecution(execution, "stopped");
        when().get("/api/tasks/" + t.id() + "/executions").then().body("$", hasSize(1))
                .body("[0].processed_rows", equalTo(0));
    }
}
