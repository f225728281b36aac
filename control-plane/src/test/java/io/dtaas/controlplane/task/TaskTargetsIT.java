package io.dtaas.controlplane.task;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.MariaDbFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Issue 14.1: before saving, the builder can ask where each selected table lands, by the rule a run applies. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class TaskTargetsIT {

    private static final String PG_DB = "dtaas_targets_src";
    private static final String MARIA_DB = "ui_dest_targets";
    private static long source;
    private static long maria;

    private static boolean prepared;

    @BeforeEach
    void fixtures() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        TaskApi.sourceDatabase(PG_DB);
        io.dtaas.testing.PostgresFixture.execute(PG_DB, "CREATE TABLE events (at timestamptz, what text)");
        MariaDbFixture.freshDatabase(MARIA_DB);
        source = TaskApi.pgConnector("source", PG_DB);
        maria = Api.create(Api.connector("maria dest " + System.nanoTime(), "destination", "mysql",
                MariaDbFixture.connectionConfig(MARIA_DB)));
    }

    private static Map<String, Object> draft(long destination, Map<String, Object> config) {
        Map<String, Object> body = new HashMap<>();
        body.put("source_connector_id", source);
        body.put("destination_connector_id", destination);
        body.put("config", config);
        return body;
    }

    @Test
    void aMariaDbDestinationWithoutTargetSchemaReceivesTablesInItsOwnDatabase() {
        Api.post("/api/tasks/targets", draft(maria, Map.of("tables", List.of("orders", "sales.invoices"))))
                .statusCode(200)
                .body("targets.source", contains("public.orders", "sales.invoices"))
                .body("targets.target", contains(MARIA_DB + ".orders", "sales.invoices"))
                .body("targets.location", contains(MARIA_DB + ".orders", "sales.invoices"))
                .body("note", nullValue());
    }

    @Test
    void aTargetSchemaAndPatternsAreResolvedAsARunResolvesThem() {
        Api.post("/api/tasks/targets", draft(maria, Map.of("tables", List.of("c%"), "target_schema", "staging")))
                .statusCode(200)
                .body("targets.source", contains("public.customers"))
                .body("targets.target", contains("staging.customers"));
    }

    @Test
    void aFileDestinationShowsTheFolderFilesGoInto() {
        Path dir = FilesRoot.newDirectory("dtaas-targets");
        long files = Api.create(Api.connector("files " + System.nanoTime(), "destination", "local_files",
                Map.of("path", dir.toString(), "file_format", "csv", "compression", "none")));
        Api.post("/api/tasks/targets", draft(files, Map.of("tables", List.of("orders"))))
                .statusCode(200)
                .body("targets.target", contains("public.orders"))
                .body("targets.location", contains(dir.resolve("public/orders").toString() + "/"));
    }

    /** Issue 14.4: the builder learns before saving what saving would refuse, per table. */
    @Test
    void aDraftWithAModeListsWhatSavingWouldRefuse() {
        Map<String, Object> body = draft(maria, Map.of("tables", List.of("customers", "events", "public.customers"),
                "write_mode", "merge"));
        Api.post("/api/tasks/targets", body).statusCode(200)
                .body("problems.field", contains("config.tables[2]"))
                .body("problems[0].message", equalTo("'public.customers' is the same table as config.tables[0] 'customers';"
                        + " select it once"));
        body.put("mode", "full_load");
        body.put("config", Map.of("tables", List.of("customers", "events"), "write_mode", "merge"));
        Api.post("/api/tasks/targets", body).statusCode(200)
                .body("targets.target", contains(MARIA_DB + ".customers", MARIA_DB + ".events"))
                .body("problems.field", contains("config.tables[1]"))
                .body("problems[0].message", equalTo("table 'events' has no primary key; write_mode merge upserts by primary key"));
        body.put("config", Map.of("tables", List.of("customers", "events"), "write_mode", "append"));
        Api.post("/api/tasks/targets", body).statusCode(200).body("problems", org.hamcrest.Matchers.empty());
    }

    @Test
    void aStoredTaskAnswersTheSame() {
        Map<String, Object> task = TaskApi.task("targets " + System.nanoTime(), source, maria, List.of("customers"));
        long id = TaskApi.createTask(task);
        io.restassured.RestAssured.when().get("/api/tasks/" + id + "/targets").then().statusCode(200)
                .body("targets.target", contains(MARIA_DB + ".customers"));
    }

    @Test
    void aDraftWithoutConnectorsOrTablesNamesTheFields() {
        Api.post("/api/tasks/targets", Map.of("config", Map.of())).statusCode(422)
                .body("errors.field", contains("source_connector_id", "destination_connector_id", "config.tables"));
        Api.post("/api/tasks/targets", draft(maria, Map.of("tables", List.of("nothing_like_this%")))).statusCode(422)
                .body("errors[0].field", equalTo("config.tables[0]"));
    }
}
