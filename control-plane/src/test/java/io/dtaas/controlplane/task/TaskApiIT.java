package io.dtaas.controlplane.task;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The seed's tasks API end to end: its own examples, CRUD, and 404s. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class TaskApiIT {

    private static final String SOURCE_DB = "dtaas_tasks_api";
    private static long source;
    private static long destination;
    private static boolean prepared;

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

    /** The seed's "Create a Task" body, verbatim but for the connector ids. */
    private static Map<String, Object> seedTask(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "Sync customers to Snowflake");
        body.put("source_connector_id", source);
        body.put("destination_connector_id", destination);
        body.put("mode", "full_load");
        body.put("schedule_type", "on_demand");
        body.put("config", Map.of(
                "tables", List.of("customers", "orders", "products"),
                "batch_size", 10000,
                "parallel", true,
                "max_parallel_tables", 5,
                "transformations", Map.of("customers", List.of(
                        Map.of("type", "rename_column", "config", Map.of("old_name", "cust_id", "new_name", "customer_id")),
                        Map.of("type", "uppercase", "config", Map.of("column", "country"))))));
        return body;
    }

    @Test
    void seedCreateStartMonitor() {
        var created = Api.post("/api/tasks", seedTask("Daily Customer Sync")).statusCode(201)
                .body("name", equalTo("Daily Customer Sync"))
                .body("source_connector_id", equalTo((int) source))
                .body("mode", equalTo("full_load"))
                .body("schedule_type", equalTo("on_demand"))
                .body("config.tables", contains("customers", "orders", "products"))
                .body("config.transformations.customers[1].type", equalTo("uppercase"))
                .body("status", equalTo("idle"))
                .body("last_execution", nullValue())
                .extract();
        long taskId = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/tasks/" + taskId);

        // "Start a Task": the answer is the new execution
        var started = TaskApi.action(taskId, "start").statusCode(202)
                .body("task_id", equalTo((int) taskId))
                .body("status", equalTo("queued"))
                .extract();
        long executionId = started.jsonPath().getLong("id");
        assertThat(started.header("Location")).endsWith("/api/executions/" + executionId);

        // "Monitor Progress": the task's status, then its executions with processed_rows
        JsonPath done = TaskApi.awaitExecution(executionId, "completed");
        assertThat(done.getLong("processed_rows")).isEqualTo(3 * 3 * 100);
        assertThat(done.getString("started_at")).isNotNull();
        assertThat(done.getString("finished_at")).isNotNull();
        assertThat(done.getList("table_progress.table")).containsExactly("customers", "orders", "products");
        assertThat(done.getList("table_progress.state")).containsOnly("completed");
        assertThat(done.getList("table_progress.chunks_done")).containsOnly(3);
        assertThat(done.getDouble("rows_per_second")).isPositive();

        when().get("/api/tasks/" + taskId).then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("last_execution.id", equalTo((int) executionId))
                .body("last_execution.processed_rows", equalTo(900));
        when().get("/api/tasks/" + taskId + "/executions").then().statusCode(200)
                .body("id", contains((int) executionId))
                .body("[0].status", equalTo("completed"))
                .body("[0].processed_rows", equalTo(900));
    }

    @Test
    void seedConfigurationExamplesAreAccepted() {
        Map<String, Object> cdc = TaskApi.task("CDC - Real-time Sync " + System.nanoTime(), source, destination,
                List.of("orders", "customers"));
        cdc.put("mode", "cdc");
        cdc.put("schedule_type", "continuous");
        cdc.put("config", Map.of("tables", List.of("orders", "customers"), "poll_interval", 60, "batch_size", 1000,
                "track_deletes", true));
        Api.post("/api/tasks", cdc).statusCode(201).body("mode", equalTo("cdc")).body("config.track_deletes", equalTo(true));

        Map<String, Object> hybrid = TaskApi.task("Full Load + CDC " + System.nanoTime(), source, destination,
                List.of("customers"));
        hybrid.put("mode", "full_load_then_cdc");
        hybrid.put("schedule_type", "continuous");
        hybrid.put("config", Map.of("tables", List.of("customers"), "batch_size", 10000, "cdc_poll_interval", 30));
        Api.post("/api/tasks", hybrid).statusCode(201).body("mode", equalTo("full_load_then_cdc"));
    }

    @Test
    void listGetUpdateDelete() {
        long id = TaskApi.createTask(TaskApi.task("crud " + System.nanoTime(), source, destination, List.of("customers")));
        when().get("/api/tasks").then().statusCode(200).body("id", hasItem((int) id));
        JsonPath before = TaskApi.taskJson(id);
        assertThat(before.getString("schedule_type")).isEqualTo("on_demand");

        // partial: only the description changes
        Api.put("/api/tasks/" + id, Map.of("description", "now described")).statusCode(200)
                .body("description", equalTo("now described"))
                .body("name", equalTo(before.getString("name")))
                .body("config.tables", contains("customers"))
                .body("source_connector_id", equalTo((int) source));

        // config merges key by key; null removes a key
        Api.put("/api/tasks/" + id, Map.of("config", Map.of("batch_size", 500, "tables", List.of("customers", "sales.invoices"))))
                .statusCode(200).body("config.batch_size", equalTo(500)).body("config.tables", contains("customers", "sales.invoices"));
        Map<String, Object> removeBatch = new HashMap<>();
        removeBatch.put("batch_size", null);
        Api.put("/api/tasks/" + id, Map.of("config", removeBatch)).statusCode(200)
                .body("config.batch_size", nullValue()).body("config.tables", contains("customers", "sales.invoices"));

        // schedules: interval then cron; the schedule is replaced whole
        Api.put("/api/tasks/" + id, Map.of("schedule_type", "interval", "schedule", Map.of("interval_seconds", 3600)))
                .statusCode(200).body("schedule_type", equalTo("interval")).body("schedule.interval_seconds", equalTo(3600));
        Api.put("/api/tasks/" + id, Map.of("schedule_type", "cron", "schedule", Map.of("cron", "*/15 9-17 * * MON-FRI")))
                .statusCode(200).body("schedule.cron", equalTo("*/15 9-17 * * MON-FRI"))
                .body("schedule.timezone", equalTo("UTC")).body("schedule.interval_seconds", nullValue());
        when().get("/api/tasks/" + id).then().body("schedule.cron", equalTo("*/15 9-17 * * MON-FRI"))
                .body("updated_at", not(equalTo(before.getString("updated_at"))));

        when().delete("/api/tasks/" + id).then().statusCode(204);
        when().get("/api/tasks/" + id).then().statusCode(404).body("detail", equalTo("task " + id + " not found"));
        when().get("/api/tasks").then().body("id", not(hasItem((int) id)));
    }

    @Test
    void deletingATaskDeletesItsExecutionsAndFreesItsConnectors() {
        long id = TaskApi.createTask(TaskApi.task("delete me " + System.nanoTime(), source, destination, List.of("orders")));
        long execution = TaskApi.start(id);
        TaskApi.awaitExecution(execution, "completed");
        when().delete("/api/tasks/" + id).then().statusCode(204);
        when().get("/api/executions/" + execution).then().statusCode(404)
                .body("detail", equalTo("execution " + execution + " not found"));

        long lonelySource = TaskApi.pgConnector("source", SOURCE_DB);
        long t = TaskApi.createTask(TaskApi.task("uses lonely " + System.nanoTime(), lonelySource, destination, List.of("orders")));
        when().delete("/api/connectors/" + lonelySource).then().statusCode(409);
        when().delete("/api/tasks/" + t).then().statusCode(204);
        when().delete("/api/connectors/" + lonelySource).then().statusCode(204);
    }

    @Test
    void unknownIdsAre404NamingTheTask() {
        long missing = 987_654_321L;
        String detail = "task " + missing + " not found";
        when().get("/api/tasks/" + missing).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo(detail));
        Api.put("/api/tasks/" + missing, Map.of("description", "x")).statusCode(404).body("detail", equalTo(detail));
        when().delete("/api/tasks/" + missing).then().statusCode(404).body("detail", equalTo(detail));
        for (String action : List.of("start", "stop", "pause", "resume")) {
            TaskApi.action(missing, action).statusCode(404).body("detail", equalTo(detail));
        }
        when().get("/api/tasks/" + missing + "/executions").then().statusCode(404).body("detail", equalTo(detail));
        when().get("/api/executions/" + missing).then().statusCode(404)
                .body("detail", equalTo("execution " + missing + " not found"));
    }

    @Test
    void executionsAreListedNewestFirstWithALimit() {
        long id = TaskApi.createTask(TaskApi.task("history " + System.nanoTime(), source, destination, List.of("products")));
        long first = TaskApi.start(id);
        TaskApi.awaitExecution(first, "completed");
        long second = TaskApi.start(id);
        TaskApi.awaitExecution(second, "completed");
        when().get("/api/tasks/" + id + "/executions").then().statusCode(200)
                .body("id", contains((int) second, (int) first));
        given().queryParam("limit", 1).get("/api/tasks/" + id + "/executions").then().statusCode(200)
                .body("id", contains((int) second));
        given().queryParam("limit", 0).get("/api/tasks/" + id + "/executions").then().statusCode(422)
                .body("errors[0].field", equalTo("limit"));
        when().get("/api/tasks").then().body("find { it.id == " + id + " }.last_execution.id", equalTo((int) second))
                .body("find { it.id == " + id + " }.status", equalTo("completed"))
                .body("find { it.id == " + id + " }.created_at", notNullValue());
    }
}
