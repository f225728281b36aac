package io.dtaas.controlplane.transform;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Transformation types, previews, validation at task save, bulk apply, and the seed's example run for real. */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class TransformationApiIT {

    private static final String SRC = "dtaas_cp_tf_src";
    private static final String DST = "dtaas_cp_tf_dst";
    private static long source;
    private static long destination;
    private static boolean prepared;

    @BeforeEach
    void fixtures() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        TaskApi.sourceDatabase(SRC);
        PostgresFixture.execute(SRC,
                "INSERT INTO customers VALUES (1, ' Ann ', 'fi'), (2, 'Bo', NULL), (3, 'Cy', 'se')",
                "CREATE TABLE employees (emp_id int PRIMARY KEY, name text, email text)",
                "INSERT INTO employees VALUES (1, '  Ann Lee ', 'ann@x.io'), (2, 'Bo', NULL), (3, NULL, 'cy@x.io')");
        PostgresFixture.freshDatabase(DST);
        source = TaskApi.pgConnector("source", SRC);
        destination = TaskApi.pgConnector("destination", DST);
    }

    private static Map<String, Object> t(String type, Map<String, Object> config) {
        return Map.of("type", type, "config", config);
    }

    @Test
    void typesDescribeEveryTransformationForForms() {
        JsonPath types = when().get("/api/transformations/types").then().statusCode(200).extract().jsonPath();
        assertThat(types.getList("type")).hasSize(23).contains("rename_column", "filter_rows", "aggregate", "mask", "hash");
        assertThat(types.getString("find { it.type == 'rename_column' }.category")).isEqualTo("column");
        assertThat(types.getList("find { it.type == 'rename_column' }.fields.name")).containsExactly("old_name", "new_name");
        assertThat(types.getBoolean("find { it.type == 'rename_column' }.cdc_allowed")).isTrue();
        assertThat(types.getBoolean("find { it.type == 'deduplicate' }.cdc_allowed")).isFalse();
        assertThat(types.getString("find { it.type == 'filter_rows' }.fields[0].type")).isEqualTo("expression");
        assertThat(types.getList("find { it.type == 'trim' }.fields.find { it.name == 'side' }.options"))
                .containsExactly("both", "left", "right");
    }

    @Test
    void previewShowsRowsAndColumnsBeforeAndAfter() {
        Map<String, Object> body = Map.of("connector_id", source, "table", "public.customers", "limit", 10,
                "transformations", List.of(
                        t("trim", Map.of("column", "name")),
                        t("uppercase", Map.of("column", "country")),
                        t("rename_column", Map.of("old_name", "cust_id", "new_name", "customer_id")),
                        t("filter_rows", Map.of("condition", "country IS NOT NULL")),
                        t("add_column", Map.of("name", "label", "expression", "name || '/' || country"))));
        JsonPath answer = Api.post("/api/transformations/preview", body).statusCode(200).extract().jsonPath();
        assertThat(answer.getList("before.columns.name")).containsExactly("cust_id", "name", "country");
        assertThat(answer.getList("before.columns.type")).containsExactly("integer", "string", "string");
        assertThat(answer.getList("before.rows")).hasSize(3);
        assertThat(answer.getList("after.columns.name")).containsExactly("customer_id", "name", "country", "label");
        assertThat(answer.getList("after.rows")).containsExactly(List.of(1, "Ann", "FI", "Ann/FI"), List.of(3, "Cy", "SE", "Cy/SE"));
    }

    /** Issue 14.11: the builder resolves the variables a step names and the preview applies their test values. */
    @Test
    void previewAppliesTheTestValuesOfVariables() {
        Map<String, Object> body = Map.of("connector_id", source, "table", "public.customers", "limit", 10,
                "transformations", List.of(t("add_column", Map.of("name", "batch", "value", "{{batch_id}}")),
                        t("filter_rows", Map.of("condition", "cust_id >= {{min_id}}"))),
                "variables", Map.of("batch_id", "b-7", "min_id", 2));
        JsonPath answer = Api.post("/api/transformations/preview", body).statusCode(200).extract().jsonPath();
        assertThat(answer.getList("after.columns.name")).containsExactly("cust_id", "name", "country", "batch");
        assertThat(answer.getList("after.rows")).containsExactly(java.util.Arrays.asList(2, "Bo", null, "b-7"),
                java.util.Arrays.asList(3, "Cy", "se", "b-7"));
    }

    @Test
    void previewNamesTheBadTransformationAndField() {
        Map<String, Object> body = new HashMap<>(Map.of("connector_id", source, "table", "customers",
                "transformations", List.of(t("trim", Map.of("column", "name")), t("uppercase", Map.of("column", "nme")))));
        Api.post("/api/transformations/preview", body).statusCode(422)
                .body("errors.field", hasItem("transformations[1].config.column"))
                .body("errors.message", hasItem(containsString("unknown column \"nme\"")));
        body.put("transformations", List.of(t("filter_rows", Map.of("condition", "cust_id > 1 AND"))));
        Api.post("/api/transformations/preview", body).statusCode(422)
                .body("errors[0].field", equalTo("transformations[0].config.condition"))
                .body("errors[0].message", containsString("at position 16"));
        body.put("transformations", List.of(t("sharpen", Map.of())));
        body.put("limit", 0);
        Api.post("/api/transformations/preview", body).statusCode(422)
                .body("errors.field", hasItem("transformations[0].type")).body("errors.field", hasItem("limit"));
        Api.post("/api/transformations/preview", Map.of("connector_id", 999_999, "table", "customers",
                "transformations", List.of())).statusCode(404);
        Api.post("/api/transformations/preview", Map.of("connector_id", source, "table", "nope",
                "transformations", List.of())).statusCode(404);
    }

    @Test
    void taskSaveBindsTransformationsToTheSourceSchema() {
        Map<String, Object> task = TaskApi.task("tf invalid " + System.nanoTime(), source, destination, List.of("customers"));
        task.put("config", Map.of("tables", List.of("customers"), "transformations", Map.of("customers", List.of(
                t("rename_column", Map.of("old_name", "name", "new_name", "full_name")),
                t("trim", Map.of("column", "name")),
                t("cast", Map.of("column", "country", "data_type", "date")),
                t("extract_date_part", Map.of("column", "country", "part", "year"))))));
        Api.post("/api/tasks", task).statusCode(422)
                .body("errors[0].field", equalTo("config.transformations.customers[1].config.column"))
                .body("errors[0].message", containsString("unknown column \"name\""));

        task.put("config", Map.of("tables", List.of("customers"), "transformations", Map.of("customers", List.of(
                t("uppercase", Map.of("column", "cust_id"))))));
        Api.post("/api/tasks", task).statusCode(422)
                .body("errors.field", hasItem("config.transformations.customers[0].config.column"))
                .body("errors.message", hasItem(containsString("uppercase works on text")));

        task.put("config", Map.of("tables", List.of("customers"), "transformations", Map.of("custmers", List.of(
                t("uppercase", Map.of("column", "name"))))));
        Api.post("/api/tasks", task).statusCode(422).body("errors.field", hasItem("config.transformations.custmers"));

        task.put("mode", "cdc");
        task.put("config", Map.of("tables", List.of("customers"), "transformations", Map.of("customers", List.of(
                t("trim", Map.of("column", "name")), t("deduplicate", Map.of("columns", List.of("name")))))));
        Api.post("/api/tasks", task).statusCode(422)
                .body("errors.field", hasItem("config.transformations.customers[1].type"))
                .body("errors.message", hasItem(containsString("full_load tasks only")));
    }

    @Test
    void bulkAppendsOrReplacesAndIsValidatedLikeAnUpdate() {
        long task = TaskApi.createTask(TaskApi.task("tf bulk " + System.nanoTime(), source, destination,
                List.of("customers", "products")));
        Map<String, Object> body = new HashMap<>(Map.of("tables", List.of("customers", "products"),
                "transformations", List.of(t("add_column", Map.of("name", "origin", "value", "shop")))));
        Api.post("/api/tasks/" + task + "/transformations/bulk", body).statusCode(200)
                .body("config.transformations.customers", hasSize(1))
                .body("config.transformations.products[0].type", equalTo("add_column"));
        body.put("tables", List.of("customers"));
        body.put("transformations", List.of(t("uppercase", Map.of("column", "origin"))));
        Api.post("/api/tasks/" + task + "/transformations/bulk", body).statusCode(200)
                .body("config.transformations.customers.type", equalTo(List.of("add_column", "uppercase")));
        body.put("replace", true);
        body.put("transformations", List.of(t("drop_column", Map.of("column", "country"))));
        Api.post("/api/tasks/" + task + "/transformations/bulk", body).statusCode(200)
                .body("config.transformations.customers.type", equalTo(List.of("drop_column")))
                .body("config.transformations.products", hasSize(1));
        String before = when().get("/api/tasks/" + task).then().extract().asString();
        body.put("tables", List.of("customers", "products"));
        body.put("transformations", List.of(t("lowercase", Map.of("column", "country"))));
        Api.post("/api/tasks/" + task + "/transformations/bulk", body).statusCode(422)
                .body("errors.field", hasItem("config.transformations.products[0].config.column"));
        assertThat(when().get("/api/tasks/" + task).then().extract().asString()).isEqualTo(before);
        Api.post("/api/tasks/" + task + "/transformations/bulk", Map.of("tables", List.of(), "transformations", "x"))
                .statusCode(422).body("errors.field", hasItem("tables")).body("errors.field", hasItem("transformations"));
    }

    @Test
    void theSeedsWithTransformationsExampleRunsUnchanged() throws Exception {
        Map<String, Object> seed = new HashMap<>(Map.of(
                "name", "Transform and Load",
                "mode", "full_load",
                "config", Map.of(
                        "tables", List.of("employees"),
                        "transformations", Map.of("employees", List.of(
                                Map.of("type", "uppercase", "config", Map.of("column", "email")),
                                Map.of("type", "trim", "config", Map.of("column", "name")),
                                Map.of("type", "rename_column", "config", Map.of("old_name", "emp_id", "new_name", "employee_id")))))));
        seed.put("source_connector_id", source);
        seed.put("destination_connector_id", destination);
        long task = TaskApi.createTask(seed);
        long execution = TaskApi.start(task);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                List.of("completed", "failed").contains(when().get("/api/executions/" + execution).then().extract().path("status")));
        when().get("/api/executions/" + execution).then().body("status", equalTo("completed"));
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(DST); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT employee_id, name, email FROM public.employees ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        assertThat(rows).containsExactly("1|Ann Lee|ANN@X.IO", "2|Bo|null", "3|null|CY@X.IO");
    }
}
