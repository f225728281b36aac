package io.dtaas.controlplane.schedule;

import io.dtaas.controlplane.testing.MetadataPostgresResource;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.ScriptedTransferRunner;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler starts due interval and continuous tasks once, leaves paused/on-demand ones alone. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class TaskSchedulerIT {

    @Inject
    TaskScheduler scheduler;

    @Inject
    ScriptedTransferRunner runner;

    @Test
    void dueTasksStartOnceAndMissedRunsCatchUpOnce() throws Exception {
        String src = "dtaas_cp_sched_src";
        TaskApi.sourceDatabase(src);
        long source = TaskApi.pgConnector("source", src);
        long destination = TaskApi.pgConnector("destination", src + "_dst");
        Map<String, Object> body = new HashMap<>(TaskApi.task("hourly " + System.nanoTime(), source, destination,
                List.of("customers")));
        body.put("schedule_type", "interval");
        body.put("schedule", Map.of("interval_seconds", 3600));
        long hourly = TaskApi.createTask(body);
        long onDemand = TaskApi.createTask(TaskApi.task("manual " + System.nanoTime(), source, destination,
                List.of("customers")));

        assertThat(scheduler.tick(Instant.now())).contains(hourly).doesNotContain(onDemand);
        long first = latestExecution(hourly);
        TaskApi.awaitExecution(first, "completed");
        assertThat(scheduler.tick(Instant.now())).doesNotContain(hourly);

        // DTaaS was down for three days: the last run is old; one catch-up run, then quiet again
        PostgresFixture.execute(MetadataPostgresResource.DATABASE,
                "UPDATE executions SET created_at = now() - interval '3 days' WHERE task_id = " + hourly);
        assertThat(scheduler.tick(Instant.now())).contains(hourly);
        long catchUp = latestExecution(hourly);
        assertThat(catchUp).isGreaterThan(first);
        TaskApi.awaitExecution(catchUp, "completed");
        assertThat(scheduler.tick(Instant.now())).doesNotContain(hourly);
        when().get("/api/tasks/" + hourly + "/executions").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(2))
                // issue 14.9: numbered per task, each saying what started it
                .body("run_number", org.hamcrest.Matchers.contains(2, 1))
                .body("trigger", org.hamcrest.Matchers.contains("schedule", "schedule"));
    }

    /**
     * Issue 15.2: stop between runs stops the schedule (status stopped, no next run) until a start; pause suspends it
     * and resume runs it again; a failing schedule backs off and says so; interval without settings runs hourly.
     */
    @Test
    void stopAndPauseBetweenRunsHoldTheScheduleAndFailuresBackOffVisibly() throws Exception {
        String src = "dtaas_cp_sched_hold";
        TaskApi.sourceDatabase(src);
        long source = TaskApi.pgConnector("source", src);
        long destination = TaskApi.pgConnector("destination", src + "_dst");
        Map<String, Object> body = new HashMap<>(TaskApi.task("continuous " + System.nanoTime(), source, destination,
                List.of("customers")));
        body.put("schedule_type", "continuous");
        long task = TaskApi.createTask(body);
        assertThat(when().get("/api/tasks/" + task).then().extract().jsonPath().getString("next_run_at")).isNotNull();
        assertThat(scheduler.tick(Instant.now())).contains(task);
        TaskApi.awaitExecution(latestExecution(task), "completed");

        TaskApi.action(task, "stop").statusCode(200);
        var view = when().get("/api/tasks/" + task).then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("status")).isEqualTo("stopped");
        assertThat(view.getString("next_run_at")).isNull();
        assertThat(view.getString("schedule_note")).contains("stopped");
        assertThat(scheduler.tick(Instant.now().plusSeconds(3600))).doesNotContain(task);

        TaskApi.action(task, "start").statusCode(202);
        TaskApi.awaitExecution(latestExecution(task), "completed");
        TaskApi.action(task, "pause").statusCode(200);
        assertThat(when().get("/api/tasks/" + task).then().extract().jsonPath().getString("status")).isEqualTo("paused");
        assertThat(scheduler.tick(Instant.now().plusSeconds(3600))).doesNotContain(task);
        TaskApi.action(task, "resume").statusCode(202);
        TaskApi.awaitExecution(latestExecution(task), "completed");
        when().get("/api/tasks/" + task + "/executions").then().statusCode(200)
                .body("trigger", org.hamcrest.Matchers.contains("resume", "manual", "schedule"))
                .body("run_number", org.hamcrest.Matchers.contains(3, 2, 1));
        assertThat(scheduler.tick(Instant.now())).contains(task); // the schedule goes on
        TaskApi.awaitExecution(latestExecution(task), "completed");
        TaskApi.action(task, "stop").statusCode(200);

        // a schedule that never ran can be stopped too (no execution: 204)
        Map<String, Object> hourly = new HashMap<>(TaskApi.task("hourly default " + System.nanoTime(), source,
                destination, List.of("customers")));
        hourly.put("schedule_type", "interval");
        long never = TaskApi.createTask(hourly);
        assertThat(when().get("/api/tasks/" + never).then().extract().jsonPath().getLong("schedule.interval_seconds"))
                .isEqualTo(3600);
        TaskApi.action(never, "stop").statusCode(204);
        assertThat(scheduler.tick(Instant.now())).doesNotContain(never);

        // failing runs: the view says it backs off and when it tries next
        Map<String, Object> broken = new HashMap<>(TaskApi.task("failing " + System.nanoTime(), source, destination,
                List.of("customers")));
        broken.put("schedule_type", "continuous");
        runner.script((String) broken.get("name")).failAt("customers", 1, "the source went away");
        long failing = TaskApi.createTask(broken);
        try {
            assertThat(scheduler.tick(Instant.now())).contains(failing);
            TaskApi.awaitExecution(latestExecution(failing), "failed");
            var failed = when().get("/api/tasks/" + failing).then().statusCode(200).extract().jsonPath();
            assertThat(failed.getString("schedule_note")).contains("backing off after 1 failed run");
            assertThat(Instant.parse(failed.getString("next_run_at")))
                    .isAfter(Instant.parse(failed.getString("last_execution.finished_at")));
            assertThat(scheduler.tick(Instant.now())).doesNotContain(failing);
            // once the back-off is over the schedule starts it again: a retry
            assertThat(scheduler.tick(Instant.parse(failed.getString("next_run_at")).plusSeconds(1))).contains(failing);
            when().get("/api/tasks/" + failing + "/executions").then().statusCode(200)
                    .body("trigger", org.hamcrest.Matchers.contains("retry", "schedule"));
            TaskApi.awaitExecution(latestExecution(failing), "failed");
        } finally {
            TaskApi.action(failing, "stop");
        }
    }

    private static long latestExecution(long taskId) {
        return when().get("/api/tasks/" + taskId + "/executions").then().statusCode(200).extract().jsonPath()
                .getLong("[0].id");
    }
}
