package io.dtaas.controlplane.dashboard;

import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The seed's dashboard endpoints reflect what was stored and run. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class DashboardIT {

    @Test
    void statsAndRecentExecutionsFollowActivity() throws Exception {
        JsonPath before = when().get("/api/dashboard/stats").then().statusCode(200).extract().jsonPath();
        String src = "dtaas_cp_dash_src";
        TaskApi.sourceDatabase(src);
        long source = TaskApi.pgConnector("source", src);
        long destination = TaskApi.pgConnector("destination", src + "_dst");
        String name = "dashboard " + System.nanoTime();
        long task = TaskApi.createTask(TaskApi.task(name, source, destination, List.of("customers")));
        long execution = TaskApi.start(task);
        JsonPath done = TaskApi.awaitExecution(execution, "completed");

        JsonPath after = when().get("/api/dashboard/stats").then().statusCode(200).extract().jsonPath();
        assertThat(after.getLong("total_tasks")).isEqualTo(before.getLong("total_tasks") + 1);
        assertThat(after.getLong("tasks_by_status.completed")).isEqualTo(before.getLong("tasks_by_status.completed") + 1);
        assertThat(after.getLong("source_connectors")).isEqualTo(before.getLong("source_connectors") + 1);
        assertThat(after.getLong("destination_connectors")).isEqualTo(before.getLong("destination_connectors") + 1);
        assertThat(after.getLong("executions_today")).isEqualTo(before.getLong("executions_today") + 1);
        assertThat(after.getLong("rows_today")).isEqualTo(before.getLong("rows_today") + done.getLong("processed_rows"));
        assertThat(after.getInt("workers.slots")).isEqualTo(10);
        assertThat(after.getString("workers.mode")).isEqualTo("standalone");

        given().queryParam("limit", 5).get("/api/dashboard/executions/recent").then().statusCode(200)
                .body("[0].id", equalTo((int) execution))
                .body("[0].task_name", equalTo(name))
                .body("[0].status", equalTo("completed"));
        given().queryParam("limit", 0).get("/api/dashboard/executions/recent").then().statusCode(422)
                .body("errors[0].field", equalTo("limit"));
    }
}
