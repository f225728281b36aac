package io.dtaas.controlplane.validation;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 17 through the API: a loaded task validates equal; after the target is damaged the run names the differing
 * keys with both sides' values and the task's health turns to warning; repair fixes exactly those rows; runs are
 * listed newest first; bad requests are 4xx naming the field.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class ValidationApiIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void validateFindsDamageRepairFixesItAndHealthFollows() throws Exception {
        String src = "dtaas_cp_val_src";
        String dst = "dtaas_cp_val_dst";
        TaskApi.sourceDatabase(src);
        PostgresFixture.execute(src,
                "INSERT INTO customers SELECT g, 'customer ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'FI' END"
                        + " FROM generate_series(1, 2000) g",
                "INSERT INTO products VALUES ('A-1', 9.99), ('B-2', NULL)");
        PostgresFixture.freshDatabase(dst);
        long task = TaskApi.createTask(TaskApi.task("validated " + System.nanoTime(), TaskApi.pgConnector("source", src),
                TaskApi.pgConnector("destination", dst), List.of("customers", "products")));
        JsonPath loaded = TaskApi.awaitExecution(TaskApi.start(task), "completed");
        assertThat(loaded.getLong("processed_rows")).isEqualTo(2002);

        JsonPath clean = awaitRun(task, Api.post("/api/tasks/" + task + "/validate", Map.of()).statusCode(202)
                .body("status", equalTo("running")).body("trigger", equalTo("api")).extract().jsonPath().getLong("id"));
        assertThat(clean.getString("verdict")).as(clean.prettify()).isEqualTo("equal");
        assertThat(clean.getList("tables.verdict")).containsExactly("equal", "equal");
        assertThat(clean.getList("tables.source_rows", Integer.class)).containsExactly(2000, 2);
        assertThat(TaskApi.taskJson(task).getString("health")).isEqualTo("ok");

        PostgresFixture.execute(dst, "DELETE FROM customers WHERE cust_id = 17",
                "UPDATE customers SET country = '' WHERE cust_id = 30",
                "INSERT INTO customers VALUES (5000, 'extra', 'SE')");
        JsonPath damaged = awaitRun(task, Api.post("/api/tasks/" + task + "/validate", Map.of()).statusCode(202)
                .extract().jsonPath().getLong("id"));
        assertThat(damaged.getString("verdict")).as(damaged.prettify()).isEqualTo("different");
        Map<String, Object> customers = damaged.getMap("tables[0]");
        assertThat(customers.get("verdict")).isEqualTo("different");
        assertThat(customers.get("differing_keys")).isEqualTo(3);
        assertThat(damaged.getList("tables[0].differences.key.cust_id")).containsExactly("17", "30", "5000");
        assertThat(damaged.getList("tables[0].differences.kind"))
                .containsExactly("missing_in_target", "values_differ", "extra_in_target");
        assertThat(damaged.getString("tables[0].differences[1].source.country")).isNull();
        assertThat(damaged.getString("tables[0].differences[1].target.country")).isEmpty();
        assertThat(damaged.getString("tables[1].verdict")).isEqualTo("equal");
        JsonPath warned = TaskApi.taskJson(task);
        assertThat(warned.getString("health")).isEqualTo("warning");
        assertThat(warned.getLong("last_validation.id")).isEqualTo(damaged.getLong("id"));

        JsonPath repaired = awaitRun(task, Api.post("/api/tasks/" + task + "/repair", Map.of("tables", List.of("customers")))
                .statusCode(202).body("repair", equalTo(true)).extract().jsonPath().getLong("id"));
        assertThat(repaired.getString("verdict")).as(repaired.prettify()).isEqualTo("equal");
        assertThat(repaired.getList("tables")).hasSize(1);
        assertThat(repaired.getInt("tables[0].repaired_keys")).isEqualTo(3);
        assertThat(TaskApi.taskJson(task).getString("health")).isEqualTo("ok");

        JsonPath list = when().get("/api/tasks/" + task + "/validations").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("id", Long.class)).containsExactly(repaired.getLong("id"), damaged.getLong("id"),
                clean.getLong("id"));
        when().get("/api/tasks/" + task + "/validations/" + damaged.getLong("id")).then().statusCode(200)
                .body("tables[0].differences.kind", hasItem("extra_in_target"));
        when().get("/api/tasks/" + (task + 100000) + "/validations/" + damaged.getLong("id")).then().statusCode(404);
    }

    @Test
    void aTaskWithValidateAfterLoadValidatesAfterEachCompletedLoad() throws Exception {
        String src = "dtaas_cp_val_after";
        String dst = "dtaas_cp_val_after_dst";
        TaskApi.sourceDatabase(src);
        PostgresFixture.execute(src, "INSERT INTO customers SELECT g, 'c' || g, 'FI' FROM generate_series(1, 50) g");
        PostgresFixture.freshDatabase(dst);
        Map<String, Object> body = TaskApi.task("after load " + System.nanoTime(), TaskApi.pgConnector("source", src),
                TaskApi.pgConnector("destination", dst), List.of("customers"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) body.get("config");
        config.put("validate_after_load", true);
        long task = TaskApi.createTask(body);
        TaskApi.awaitExecution(TaskApi.start(task), "completed");
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                when().get("/api/tasks/" + task + "/validations").then().statusCode(200).extract().jsonPath()
                        .getList("status")).containsExactly("completed"));
        JsonPath runs = when().get("/api/tasks/" + task + "/validations").then().extract().jsonPath();
        assertThat(runs.getString("[0].trigger")).isEqualTo("after_load");
        assertThat(runs.getString("[0].verdict")).isEqualTo("equal");
        assertThat(runs.getList("[0].tables.target_rows", Integer.class)).containsExactly(50);
    }

    /** A Parquet file target read back in the control-plane process (no Hadoop on its class path). */
    @Test
    void aFileTargetIsReadBackAndComparedByKey() throws Exception {
        String src = "dtaas_cp_val_files";
        TaskApi.sourceDatabase(src);
        PostgresFixture.execute(src, "INSERT INTO customers SELECT g, 'c' || g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'FI' END"
                + " FROM generate_series(1, 1500) g");
        long files = Api.create(Api.connector("files " + System.nanoTime(), "destination", "local_files",
                Map.of("path", FilesRoot.newDirectory("dtaas-val-files").toString(), "file_format", "parquet",
                        "max_rows_per_file", 400)));
        long task = TaskApi.createTask(TaskApi.task("files validated " + System.nanoTime(),
                TaskApi.pgConnector("source", src), files, List.of("customers")));
        TaskApi.awaitExecution(TaskApi.start(task), "completed");
        JsonPath clean = awaitRun(task, Api.post("/api/tasks/" + task + "/validate", Map.of()).statusCode(202)
                .extract().jsonPath().getLong("id"));
        assertThat(clean.getString("verdict")).as(clean.prettify()).isEqualTo("equal");
        assertThat(clean.getList("tables.target_rows", Integer.class)).containsExactly(1500);

        PostgresFixture.execute(src, "DELETE FROM customers WHERE cust_id = 17",
                "UPDATE customers SET country = 'SE' WHERE cust_id = 1200");
        JsonPath damaged = awaitRun(task, Api.post("/api/tasks/" + task + "/validate", Map.of()).statusCode(202)
                .extract().jsonPath().getLong("id"));
        assertThat(damaged.getString("verdict")).as(damaged.prettify()).isEqualTo("different");
        assertThat(damaged.getInt("tables[0].differing_keys")).isEqualTo(2);
        assertThat(damaged.getList("tables[0].differences.key.cust_id")).containsExactly("17", "1200");
        assertThat(damaged.getList("tables[0].differences.kind")).containsExactly("extra_in_target", "values_differ");
        assertThat(damaged.getString("tables[0].differences[1].source.country")).isEqualTo("SE");
        assertThat(damaged.getString("tables[0].differences[1].target.country")).isNull(); // 1200 % 4 == 0: NULL
    }

    @Test
    void aValidationScheduleIsCheckedWhenSavedAndStartsRunsWhenDue() throws Exception {
        String src = "dtaas_cp_val_sched";
        String dst = "dtaas_cp_val_sched_dst";
        TaskApi.sourceDatabase(src);
        PostgresFixture.freshDatabase(dst);
        Map<String, Object> body = TaskApi.task("scheduled validation " + System.nanoTime(),
                TaskApi.pgConnector("source", src), TaskApi.pgConnector("destination", dst), List.of("customers"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) body.get("config");
        config.put("validation_schedule", "61 * * * *");
        Api.post("/api/tasks", body).statusCode(422).body("errors.field", hasItem("config.validation_schedule"));
        config.put("validation_schedule", 5);
        Api.post("/api/tasks", body).statusCode(422).body("errors.field", hasItem("config.validation_schedule"));
        config.put("validation_schedule", "0 0 1 1 *"); // yearly: never due in real time during the test
        long task = TaskApi.createTask(body);
        TaskApi.awaitExecution(TaskApi.start(task), "completed");

        java.time.Instant later = java.time.Instant.now().plus(Duration.ofDays(400));
        List<Long> started = scheduler.tick(later); // may only take note of the schedule if the real tick has not yet
        if (!started.contains(task)) {
            started = scheduler.tick(later.plus(Duration.ofDays(400)));
        }
        assertThat(started).contains(task);
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                when().get("/api/tasks/" + task + "/validations").then().statusCode(200).extract().jsonPath()
                        .getList("status")).containsExactly("completed"));
        JsonPath runs = when().get("/api/tasks/" + task + "/validations").then().extract().jsonPath();
        assertThat(runs.getString("[0].trigger")).isEqualTo("schedule");
        assertThat(runs.getString("[0].verdict")).isEqualTo("equal");
    }

    @jakarta.inject.Inject
    ValidationScheduler scheduler;

    @Test
    void badRequestsNameTheField() throws Exception {
        String src = "dtaas_cp_val_bad";
        TaskApi.sourceDatabase(src);
        long task = TaskApi.createTask(TaskApi.task("validate bad " + System.nanoTime(), TaskApi.pgConnector("source", src),
                TaskApi.pgConnector("destination", src), List.of("customers")));
        Api.post("/api/tasks/" + task + "/validate", Map.of("tables", List.of("orders"))).statusCode(422)
                .body("errors[0].field", equalTo("tables"));
        Api.post("/api/tasks/" + task + "/validate", Map.of("tables", "customers")).statusCode(422)
                .body("errors[0].field", equalTo("body"));
        Api.post("/api/tasks/" + task + "/validate", Map.of("repair", true, "bogus", 1)).statusCode(422);
        given().contentType("application/json").body("{}").post("/api/tasks/999999/validate").then().statusCode(404);
        when().get("/api/tasks/999999/validations").then().statusCode(404);
    }

    private static JsonPath awaitRun(long task, long id) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(run(task, id).getString("status")).isNotEqualTo("running"));
        JsonPath done = run(task, id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        return done;
    }

    private static JsonPath run(long task, long id) {
        return when().get("/api/tasks/" + task + "/validations/" + id).then().statusCode(200).extract().jsonPath();
    }
}
