package io.dtaas.controlplane.testing;

import io.dtaas.testing.PostgresFixture;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.awaitility.Awaitility;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;

/** Helpers for task and execution API tests: a real source database, connectors, tasks, and waiting for states. */
public final class TaskApi {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private TaskApi() {
    }

    /** A fresh PostgreSQL database with the seed's tables (customers, orders, products) and a sales schema. */
    public static void sourceDatabase(String database) throws SQLException {
        PostgresFixture.freshDatabase(database);
        PostgresFixture.execute(database,
                "CREATE TABLE customers (cust_id int PRIMARY KEY, name text, country text)", // as in the seed's examples
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int, total numeric(12,2))",
                "CREATE TABLE products (sku text PRIMARY KEY, price numeric(10,2))",
                "CREATE SCHEMA sales",
                "CREATE TABLE sales.invoices (id int PRIMARY KEY)");
    }

    /** A PostgreSQL connector on {@code database} in {@code role}; names are unique per call. */
    /** A local-files destination writing uncompressed JSON into {@code dir}, partitioned by load date. */
    public static long jsonFilesConnector(java.nio.file.Path dir) {
        return Api.create(Api.connector("files " + System.nanoTime(), "destination", "local_files",
                Map.of("path", dir.toString(), "file_format", "json", "compression", "none",
                        "partition_by_load_date", true)));
    }

    public static long pgConnector(String role, String database) {
        return Api.create(Api.connector(role + " " + database + " " + System.nanoTime(), role, "postgresql",
                PostgresFixture.connectionConfig(database)));
    }

    public static Map<String, Object> task(String name, long source, long destination, List<String> tables) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("source_connector_id", source);
        body.put("destination_connector_id", destination);
        body.put("mode", "full_load");
        body.put("config", new HashMap<>(Map.of("tables", tables)));
        return body;
    }

    public static long createTask(Map<String, Object> body) {
        return Api.post("/api/tasks", body).statusCode(201).extract().jsonPath().getLong("id");
    }

    public static ValidatableResponse action(long taskId, String action) {
        return when().post("/api/tasks/" + taskId + "/" + action).then();
    }

    /** Starts the task and answers the new execution's id. */
    public static long start(long taskId) {
        return action(taskId, "start").statusCode(202).extract().jsonPath().getLong("id");
    }

    public static JsonPath execution(long executionId) {
        return when().get("/api/executions/" + executionId).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath taskJson(long taskId) {
        return when().get("/api/tasks/" + taskId).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the execution has {@code status} and answers it as then stored. */
    public static JsonPath awaitExecution(long executionId, String status) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(execution(executionId).getString("status"))
                        .as("status of execution %d", executionId).isEqualTo(status));
        return execution(executionId);
    }
}
