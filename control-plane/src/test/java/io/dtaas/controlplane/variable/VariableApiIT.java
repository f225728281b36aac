package io.dtaas.controlplane.variable;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * The variables API: the seed's example, CRUD, every bad input a 4xx naming the field, resolution of static,
 * context and db_query variables (real PostgreSQL and MariaDB), and tasks that use unknown variables refused.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class VariableApiIT {

    private static final String PG = "dtaas_vars_api_pg";
    private static final String MY = "dtaas_vars_api_my";

    @BeforeAll
    static void databases() throws Exception {
        PostgresFixture.freshDatabase(PG);
        PostgresFixture.execute(PG, "CREATE TABLE runs (id int, finished date, amount numeric(10,2))",
                "INSERT INTO runs VALUES (1, '2026-03-01', 10.50), (2, '2026-03-05', -2.25)");
        MariaDbFixture.freshDatabase(MY);
        MariaDbFixture.execute(MY, "CREATE TABLE runs (id int, finished datetime, label varchar(50))",
                "INSERT INTO runs VALUES (1, '2026-03-01 10:00:00', 'a'), (2, '2026-03-05 23:59:59', 'b''s')");
    }

    private static String unique(String base) {
        return base + "_" + System.nanoTime();
    }

    @Test
    void theSeedsCreateExampleAndCrud() {
        var created = Api.post("/api/variables", Map.of("name", "my_var", "variable_type", "static",
                        "config", Map.of("value", "test")))
                .statusCode(201).body("name", equalTo("my_var")).body("variable_type", equalTo("static"))
                .body("config.value", equalTo("test")).body("description", nullValue()).extract();
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/variables/" + id);
        when().get("/api/variables").then().statusCode(200).body("name", hasItem("my_var"));
        when().get("/api/variables/" + id).then().statusCode(200).body("config", equalTo(Map.of("value", "test")));
        Api.put("/api/variables/" + id, Map.of("description", "seed example", "config", Map.of("value", 42)))
                .statusCode(200).body("description", equalTo("seed example")).body("config.value", equalTo(42))
                .body("name", equalTo("my_var"));
        when().post("/api/variables/" + id + "/resolve").then().statusCode(200)
                .body("name", equalTo("my_var")).body("value", equalTo(42)).body("value_type", equalTo("integer"));
        Api.post("/api/variables", Map.of("name", "my_var", "variable_type", "static", "config", Map.of("value", 1)))
                .statusCode(409).body("detail", containsString("'my_var' already exists"));
        when().delete("/api/variables/" + id).then().statusCode(204);
        when().get("/api/variables/" + id).then().statusCode(404);
    }

    @Test
    void badInputNamesTheField() {
        Api.post("/api/variables", Map.of("name", "1 bad-name", "variable_type", "static", "config", Map.of("value", 1)))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("detail", containsString("not a valid variable name"));
        Api.post("/api/variables", Map.of("name", unique("x"), "variable_type", "magic")).statusCode(422)
                .body("errors[0].field", equalTo("variable_type"));
        Api.post("/api/variables", Map.of("name", unique("x"), "variable_type", "static", "config", Map.of("valu", 1)))
                .statusCode(422).body("errors.field", hasItem("config.value")).body("errors.field", hasItem("config.valu"));
        Api.post("/api/variables", Map.of("name", unique("x"), "variable_type", "db_query",
                "config", Map.of("query", "UPDATE runs SET id = 2"))).statusCode(422)
                .body("errors[0].field", equalTo("config.query"));
        Api.post("/api/variables", Map.of("name", unique("x"), "variable_type", "db_query",
                "config", Map.of("connector_id", 999999, "query", "SELECT 1"))).statusCode(422)
                .body("errors[0].field", equalTo("config.connector_id"))
                .body("errors[0].message", equalTo("connector 999999 not found"));
        long files = Api.create(Api.connector(unique("files"), "destination", "local_files", Map.of("path", FilesRoot.path().resolve("x").toString())));
        Api.post("/api/variables", Map.of("name", unique("x"), "variable_type", "db_query",
                "config", Map.of("connector_id", files, "query", "SELECT 1"))).statusCode(422)
                .body("errors[0].message", containsString("has no database to query"));
        Api.post("/api/variables", Map.of("name", unique("x"), "variable_type", "context",
                "config", Map.of("path", "task.password"))).statusCode(422)
                .body("errors[0].field", equalTo("config.path"))
                .body("errors[0].message", containsString("source_connector.database"));
        Api.post("/api/variables", Map.of("name", unique("x"), "variable_type", "static",
                "config", Map.of("value", "31/01/2026", "value_type", "date"))).statusCode(422)
                .body("errors[0].field", equalTo("config.value"));
        when().get("/api/variables/999999").then().statusCode(404);
        when().post("/api/variables/999999/resolve").then().statusCode(404);
    }

    @Test
    void resolvesStaticContextAndDbQueryValues() {
        long pg = TaskApi.pgConnector("source", PG);
        long my = Api.create(Api.connector(unique("my"), "source", "mysql", MariaDbFixture.connectionConfig(MY)));
        Api.post("/api/variables/resolve", Map.of("variable_type", "static",
                        "config", Map.of("value", "2026-01-31", "value_type", "date")))
                .statusCode(200).body("value", equalTo("2026-01-31")).body("value_type", equalTo("date"));
        Api.post("/api/variables/resolve", Map.of("name", "today", "type", "context", "path", "today"))
                .statusCode(200).body("name", equalTo("today"))
                .body("value", equalTo(LocalDate.now(ZoneOffset.UTC).toString())).body("value_type", equalTo("date"));
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query",
                        "config", Map.of("connector_id", pg, "query", "SELECT MAX(finished) FROM runs")))
                .statusCode(200).body("value", equalTo("2026-03-05")).body("value_type", equalTo("date"));
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query",
                        "config", Map.of("connector_id", pg, "query", "SELECT MIN(amount) FROM runs")))
                .statusCode(200).body("value", equalTo("-2.25")).body("value_type", equalTo("decimal"));
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query",
                        "config", Map.of("connector_id", my, "query", "SELECT MAX(finished) FROM runs")))
                .statusCode(200).body("value", equalTo("2026-03-05T23:59:59")).body("value_type", equalTo("timestamp"));
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query",
                        "config", Map.of("connector_id", my, "query", "SELECT label FROM runs WHERE id = 2")))
                .statusCode(200).body("value", equalTo("b's")).body("value_type", equalTo("string"));

        // a stored db_query without connector_id runs on the source of the task it is resolved for
        long task = TaskApi.createTask(TaskApi.task(unique("resolve task"), pg, TaskApi.pgConnector("destination", PG),
                List.of("runs")));
        String name = unique("newest");
        long id = Api.post("/api/variables", Map.of("name", name, "type", "db_query", "query", "SELECT count(*) FROM runs"))
                .statusCode(201).body("config.connector_id", nullValue()).extract().jsonPath().getLong("id");
        when().post("/api/variables/" + id + "/resolve?task_id=" + task).then().statusCode(200)
                .body("value", equalTo(2)).body("value_type", equalTo("integer"));
        when().post("/api/variables/" + id + "/resolve").then().statusCode(422)
                .body("errors[0].field", equalTo("config.connector_id"));
        Api.post("/api/variables/resolve", Map.of("type", "context", "path", "source_connector.database", "task_id", task))
                .statusCode(200).body("value", equalTo(PG));
        Api.post("/api/variables/resolve", Map.of("type", "context", "path", "task.name")).statusCode(422)
                .body("errors[0].field", equalTo("task_id"));
    }

    @Test
    void resolutionFailuresAreProblemsNotServerErrors() {
        long pg = TaskApi.pgConnector("source", PG);
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query",
                        "config", Map.of("connector_id", pg, "query", "SELECT id FROM runs")))
                .statusCode(422).body("errors[0].field", equalTo("config.query"))
                .body("errors[0].message", containsString("returned more than one row"));
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query",
                        "config", Map.of("connector_id", pg, "query", "SELECT nope FROM runs")))
                .statusCode(422).body("errors[0].message", containsString("nope"));
        Map<String, Object> unreachable = new HashMap<>(PostgresFixture.connectionConfig(PG));
        unreachable.put("port", 1);
        long down = Api.create(Api.connector(unique("down"), "source", "postgresql", unreachable));
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query",
                        "config", Map.of("connector_id", down, "query", "SELECT 1")))
                .statusCode(502).body("detail", containsString("cannot connect"));
    }

    @Test
    void tasksUsingUnknownOrMisplacedVariablesAreRefusedAndUsedVariablesKept() throws Exception {
        TaskApi.sourceDatabase("dtaas_vars_api_tasks");
        long source = TaskApi.pgConnector("source", "dtaas_vars_api_tasks");
        long destination = TaskApi.pgConnector("destination", "dtaas_vars_api_tasks");
        Map<String, Object> task = TaskApi.task(unique("uses vars"), source, destination, List.of("customers"));
        task.put("config", Map.of("tables", List.of("customers"),
                "queries", Map.of("customers", "SELECT * FROM customers WHERE country = {{no_such_var}}")));
        Api.post("/api/tasks", task).statusCode(422).body("errors[0].field", equalTo("config.queries.customers"))
                .body("errors[0].message", containsString("unknown variable {{no_such_var}}"));
        String name = unique("country");
        long id = Api.post("/api/variables", Map.of("name", name, "type", "static", "value", "FI")).statusCode(201)
                .extract().jsonPath().getLong("id");
        task.put("config", Map.of("tables", List.of("customers"),
                "queries", Map.of("customers", "SELECT * FROM customers WHERE country = '{{" + name + "}}'")));
        Api.post("/api/tasks", task).statusCode(422).body("errors[0].message", containsString("stands inside quotes"));
        task.put("config", Map.of("tables", List.of("customers"),
                "queries", Map.of("customers", "SELECT * FROM customers WHERE country = {{" + name + "}}")));
        long taskId = TaskApi.createTask(task);
        when().delete("/api/variables/" + id).then().statusCode(409)
                .body("detail", containsString("is used by task '" + task.get("name") + "' (id " + taskId + ")"));
        Api.put("/api/variables/" + id, Map.of("name", unique("renamed"))).statusCode(409);

        // issue 14.3: a connector may name a variable defined later (as its connection test accepts it); a task
        // using the connector is refused while the name is unknown
        long early = Api.create(Api.connector(unique("lake"), "destination", "local_files",
                Map.of("path", FilesRoot.path() + "/dtaas-vars/{{missing_dir}}")));
        Map<String, Object> intoEarly = TaskApi.task(unique("early"), source, early, List.of("customers"));
        Api.post("/api/tasks", intoEarly).statusCode(422)
                .body("errors[0].field", equalTo("destination_connector_id"))
                .body("errors[0].message", containsString("unknown variable {{missing_dir}}"));
        String dir = unique("dir");
        long dirId = Api.post("/api/variables", Map.of("name", dir, "type", "static", "value", "exports")).statusCode(201)
                .extract().jsonPath().getLong("id");
        String lakeName = unique("lake");
        long lake = Api.create(Api.connector(lakeName, "destination", "local_files",
                Map.of("path", FilesRoot.path() + "/dtaas-vars/{{" + dir + "}}")));
        when().delete("/api/variables/" + dirId).then().statusCode(409)
                .body("detail", containsString("is used by connector '" + lakeName + "' (id " + lake
                        + ") in connection_config.path"));
        assertThat(when().get("/api/connector-types").then().extract().jsonPath()
                .getList("find { it.id == 's3' }.fields.findAll { it.templated }.name")).containsExactly("prefix", "file_name_template");
    }
}
