package io.dtaas.controlplane.schedule;

import io.dtaas.controlplane.testing.MetadataPostgresResource;
import io.dtaas.controlplane.testing.RealPostgresProfile;
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
                .body("size()", org.hamcrest.Matchers.equalTo(2));
    }

    private static long latestExecution(long taskId) {
        return when().get("/api/tasks/" + taskId + "/executions").then().statusCode(200).extract().jsonPath()
                .getLong("[0].id");
    }
}
