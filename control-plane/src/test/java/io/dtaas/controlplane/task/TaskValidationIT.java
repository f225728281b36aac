package io.dtaas.controlplane.task;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.MariaDbFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Every task field is checked, errors name the field path, and nothing stored changes on a rejected request. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class TaskValidationIT {

    private static final String PG_DB = "dtaas_tasks_valid";
    private static final String MARIA_DB = "dtaas_tasks_maria";
    private static long source;
    private static long destination;
    private static long maria;
    private static long existing;
    private static String existingName;
    private static boolean prepared;
    private String before;

    @BeforeEach
    void fixtures() throws Exception {
        if (!prepared) {
            prepared = true;
            TaskApi.sourceDatabase(PG_DB);
            MariaDbFixture.freshDatabase(MARIA_DB);
            MariaDbFixture.execute(MARIA_DB, "CREATE TABLE products (sku varchar(20) PRIMARY KEY)");
            source = TaskApi.pgConnector("source", PG_DB);
            destination = TaskApi.pgConnector("destination", PG_DB);
            maria = Api.create(Api.connector("maria " + System.nanoTime(), "source", "mysql",
                    MariaDbFixture.connectionConfig(MARIA_DB)));
            existingName = "Existing Task " + System.nanoTime();
            existing = TaskApi.createTask(TaskApi.task(existingName, source, destination, List.of("customers")));
        }
        before = stored();
    }

    /** Everything the API shows about tasks and executions, to prove a rejected request changed nothing. */
    private static String stored() {
        return when().get("/api/tasks").then().extract().asString()
                + when().get("/api/tasks/" + existing + "/executions").then().extract().asString();
    }

    private void nothingChanged() {
        assertThat(stored()).isEqualTo(before);
    }

    private static Map<String, Object> valid() {
        return TaskApi.task("valid " + System.nanoTime(), source, destination, List.of("customers"));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = valid();
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> withConfig(Map<String, Object> config) {
        return with("config", config);
    }

    @Test
    void anEmptyBodyNamesEveryRequiredField() {
        Api.post("/api/tasks", Map.of()).statusCode(422).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("name", "source_connector_id", "destination_connector_id",
                        "mode", "config.tables"));
        given().contentType(ContentType.JSON).body("null").post("/api/tasks").then().statusCode(422)
                .body("errors[0].field", equalTo("body"));
        nothingChanged();
    }

    @Test
    void connectorsMustExistAndPlayTheirRole() {
        Api.post("/api/tasks", with("source_connector_id", 999_999)).statusCode(422)
                .body("errors[0].field", equalTo("source_connector_id"))
                .body("errors[0].message", equalTo("connector 999999 not found"))
                .body("detail", equalTo("source_connector_id: connector 999999 not found"));
        Api.post("/api/tasks", with("source_connector_id", destination)).statusCode(422)
                .body("detail", equalTo("source_connector_id: connector " + destination + " is a destination"));
        Api.post("/api/tasks", with("destination_connector_id", source)).statusCode(422)
                .body("detail", equalTo("destination_connector_id: connector " + source + " is a source"));
        Api.post("/api/tasks", with("source_connector_id", "one")).statusCode(422)
                .body("errors[0].field", equalTo("source_connector_id"))
                .body("errors[0].message", equalTo("must be an integer"));
        nothingChanged();
    }

    /** Change capture is a connector capability: the source type decides which modes a task may ask for. */
    @Test
    void aModeTheSourceTypeCannotRunIsRefusedAtSave() {
        // an unreachable SQL Server: saving does not need it, the type's capabilities decide
        long sqlServer = Api.create(Api.connector("mssql " + System.nanoTime(), "source", "sql_server", Map.of(
                "host", "127.0.0.1", "port", 1, "database", "shop", "username", "sa", "password", "pw")));
        Map<String, Object> body = TaskApi.task("handoff " + System.nanoTime(), sqlServer, destination, List.of("dbo.orders"));
        body.put("mode", "full_load_then_cdc");
        Api.post("/api/tasks", body).statusCode(422)
                .body("errors[0].field", equalTo("mode"))
                .body("errors[0].message", equalTo("full_load_then_cdc is not supported from sql_server sources; use"
                        + " cdc, or a full_load task followed by a cdc task"));
        nothingChanged();
        body.put("mode", "cdc"); // SQL Server does capture changes
        Api.post("/api/tasks", body).statusCode(201);
    }

    @Test
    void modeAndScheduleAreChecked() {
        Api.post("/api/tasks", with("mode", "bulk")).statusCode(422)
                .body("detail", equalTo("mode: unknown value 'bulk'; expected one of [full_load, cdc, full_load_then_cdc]"));
        Api.post("/api/tasks", with("schedule_type", "hourly")).statusCode(422)
                .body("errors[0].field", equalTo("schedule_type"))
                .body("errors[0].message", containsString("[on_demand, continuous, interval, cron]"));
        Map<String, Object> stringInterval = with("schedule_type", "interval");
        stringInterval.put("schedule", Map.of("interval_seconds", "hourly"));
        Api.post("/api/tasks", stringInterval).statusCode(422)
                .body("detail", equalTo("schedule.interval_seconds: must be an integer"));
        Map<String, Object> tooOften = with("schedule_type", "interval");
        tooOften.put("schedule", Map.of("interval_seconds", 5));
        Api.post("/api/tasks", tooOften).statusCode(422)
                .body("errors[0].field", equalTo("schedule.interval_seconds"))
                .body("errors[0].message", containsString("between 10 and"));
        Map<String, Object> badCron = with("schedule_type", "cron");
        badCron.put("schedule", Map.of("cron", "61 * * * *"));
        Api.post("/api/tasks", badCron).statusCode(422)
                .body("detail", equalTo("schedule.cron: minute field '61': values must be from 0 to 59"));
        badCron.put("schedule", Map.of("cron", "0 2 * *"));
        Api.post("/api/tasks", badCron).statusCode(422).body("errors[0].message", containsString("must have 5 fields"));
        badCron.put("schedule", Map.of("cron", "0 2 * * *", "timezone", "Mars/Olympus"));
        Api.post("/api/tasks", badCron).statusCode(422).body("errors[0].field", equalTo("schedule.timezone"));
        Map<String, Object> settingsOnDemand = valid();
        settingsOnDemand.put("schedule", Map.of("interval_seconds", 60));
        Api.post("/api/tasks", settingsOnDemand).statusCode(422)
                .body("detail", equalTo("schedule.interval_seconds: schedule_type on_demand takes no schedule settings"));
        Map<String, Object> cdcByCron = with("mode", "cdc");
        cdcByCron.put("schedule_type", "cron");
        cdcByCron.put("schedule", Map.of("cron", "0 2 * * *"));
        Api.post("/api/tasks", cdcByCron).statusCode(422).body("errors[0].field", equalTo("schedule_type"));
        nothingChanged();
    }

    @Test
    void configIsValidatedByTheTransferContract() {
        Api.post("/api/tasks", withConfig(Map.of("tables", List.of("customers"), "batch_size", 0, "colour", "red")))
                .statusCode(422)
                .body("errors.field", containsInAnyOrder("config.batch_size", "config.colour"));
        Api.post("/api/tasks", withConfig(Map.of("tables", List.of()))).statusCode(422)
                .body("detail", equalTo("config.tables: at least one table (or pattern) is required"));
        Api.post("/api/tasks", withConfig(Map.of("tables", "customers"))).statusCode(422)
                .body("errors[0].field", equalTo("config.tables"));
        Api.post("/api/tasks", with("config", "everything")).statusCode(422)
                .body("errors[0].field", equalTo("config"));
        nothingChanged();
    }

    @Test
    void tablesMustExistInTheSourceCatalog() {
        Api.post("/api/tasks", withConfig(Map.of("tables", List.of("customers", "nope", "sales.invoices",
                        "sales.gone", "nowhere.x", "sales.*", "ord%"))))
                .statusCode(422)
                .body("errors", hasSize(3))
                .body("errors[0].field", equalTo("config.tables[1]"))
                .body("errors[0].message", equalTo("table 'nope' not found in schema 'public'"))
                .body("errors[1].field", equalTo("config.tables[3]"))
                .body("errors[1].message", equalTo("table 'gone' not found in schema 'sales'"))
                .body("errors[2].field", equalTo("config.tables[4]"))
                .body("errors[2].message", equalTo("schema 'nowhere' not found"));
        Api.post("/api/tasks", withConfig(Map.of("tables", List.of("customers", "sales.invoices", "sales.*", "ord%"))))
                .statusCode(201);
    }

    @Test
    void mariaDbTablesResolveInTheConnectionDatabase() {
        Map<String, Object> body = TaskApi.task("maria " + System.nanoTime(), maria, destination,
                List.of("products", MARIA_DB + ".products"));
        Api.post("/api/tasks", body).statusCode(201);
        body = TaskApi.task("maria missing " + System.nanoTime(), maria, destination, List.of("customers"));
        Api.post("/api/tasks", body).statusCode(422)
                .body("detail", equalTo("config.tables[0]: table 'customers' not found in schema '" + MARIA_DB + "'"));
    }

    @Test
    void namesAreRequiredBoundedAndUnique() {
        Api.post("/api/tasks", with("name", "  ")).statusCode(422).body("detail", equalTo("name: is required"));
        Api.post("/api/tasks", with("name", "x".repeat(201))).statusCode(422)
                .body("detail", equalTo("name: must be at most 200 characters (got 201)"));
        Api.post("/api/tasks", with("name", "x".repeat(200))).statusCode(201);
        before = stored();
        Api.post("/api/tasks", with("name", existingName.toUpperCase())).statusCode(409)
                .body("detail", equalTo("a task named '" + existingName + "' already exists (id " + existing + ")"));
        Api.post("/api/tasks", with("description", "d".repeat(2001))).statusCode(422)
                .body("errors[0].field", equalTo("description"));
        nothingChanged();
    }

    @Test
    void aRejectedUpdateChangesNothing() {
        long other = TaskApi.createTask(valid());
        before = stored();
        String otherName = TaskApi.taskJson(other).getString("name");
        Api.put("/api/tasks/" + existing, Map.of("name", otherName)).statusCode(409);
        Api.put("/api/tasks/" + existing, Map.of("description", "changed", "mode", "sideways")).statusCode(422)
                .body("errors.field", hasItem("mode"));
        Api.put("/api/tasks/" + existing, Map.of("config", Map.of("tables", List.of("missing_table")))).statusCode(422)
                .body("detail", equalTo("config.tables[0]: table 'missing_table' not found in schema 'public'"));
        Api.put("/api/tasks/" + existing, Map.of("destination_connector_id", source)).statusCode(422);
        Api.put("/api/tasks/" + existing, Map.of("schedule_type", "interval", "schedule", Map.of("interval_seconds", 1)))
                .statusCode(422).body("errors[0].field", equalTo("schedule.interval_seconds"));
        given().contentType(ContentType.JSON).body("{\"name\": ").put("/api/tasks/" + existing).then().statusCode(400);
        nothingChanged();
    }

    @Test
    void changingTheModeRechecksTheStoredSchedule() {
        Map<String, Object> body = valid();
        body.put("schedule_type", "interval");
        body.put("schedule", Map.of("interval_seconds", 600));
        long id = TaskApi.createTask(body);
        Api.put("/api/tasks/" + id, Map.of("mode", "cdc")).statusCode(422)
                .body("errors[0].field", equalTo("schedule_type"));
        Api.put("/api/tasks/" + id, Map.of("mode", "cdc", "schedule_type", "continuous")).statusCode(200)
                .body("mode", equalTo("cdc")).body("schedule_type", equalTo("continuous"));
        Map<String, Object> empty = new HashMap<>();
        assertThat(TaskApi.taskJson(id).getMap("schedule")).isEqualTo(empty);
    }
}
