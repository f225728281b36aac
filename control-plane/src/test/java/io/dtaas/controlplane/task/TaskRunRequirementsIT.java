package io.dtaas.controlplane.task;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Issue 14.4: what a run would refuse is refused at save, naming the table (or the source) and the reason. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class TaskRunRequirementsIT {

    private static final String PG_DB = "dtaas_run_requirements";
    private static long source;
    private static long destination;
    private static boolean prepared;

    @BeforeEach
    void fixtures() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        TaskApi.sourceDatabase(PG_DB);
        PostgresFixture.execute(PG_DB, "CREATE TABLE events (at timestamptz, what text)");
        source = TaskApi.pgConnector("source", PG_DB);
        destination = TaskApi.pgConnector("destination", PG_DB);
    }

    private static Map<String, Object> task(String mode, String writeMode, List<String> tables) {
        Map<String, Object> body = TaskApi.task("requirements " + System.nanoTime(), source, destination, tables);
        body.put("mode", mode);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) body.get("config");
        config.put("write_mode", writeMode);
        return body;
    }

    @Test
    void mergeOnATableWithoutPrimaryKeyIsRefusedNamingTheTable() {
        Api.post("/api/tasks", task("full_load", "merge", List.of("customers", "events"))).statusCode(422)
                .body("errors[0].field", equalTo("config.tables[1]"))
                .body("errors[0].message", equalTo("table 'events' has no primary key; write_mode merge upserts by primary key"));
        Api.post("/api/tasks", task("full_load", "append", List.of("customers", "events"))).statusCode(201);
    }

    @Test
    void changeDataCaptureOnATableWithoutPrimaryKeyIsRefused() {
        Api.post("/api/tasks", task("cdc", "append", List.of("events"))).statusCode(422)
                .body("errors.field", hasItem("config.tables[0]"))
                .body("detail", containsString("table 'events' has no primary key; change data capture"));
        Api.post("/api/tasks", task("full_load_then_cdc", "append", List.of("orders"))).statusCode(201);
    }

    @Test
    void theSameTableTwiceIsRefused() {
        Api.post("/api/tasks", task("full_load", "append", List.of("customers", "public.customers"))).statusCode(422)
                .body("errors[0].field", equalTo("config.tables[1]"))
                .body("errors[0].message", equalTo("'public.customers' is the same table as config.tables[0] 'customers';"
                        + " select it once"));
    }

    @Test
    void aSourceThatCannotStreamIsRefusedForChangeDataCapture() throws Exception {
        PostgresFixture.execute(PG_DB, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dtaas_norepl')"
                + " THEN CREATE ROLE dtaas_norepl LOGIN NOREPLICATION; END IF; END $$",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO dtaas_norepl");
        Map<String, Object> config = new HashMap<>(PostgresFixture.connectionConfig(PG_DB));
        config.put("username", "dtaas_norepl");
        long plain = Api.create(Api.connector("no replication " + System.nanoTime(), "source", "postgresql", config));
        Map<String, Object> body = task("cdc", "append", List.of("orders"));
        body.put("source_connector_id", plain);
        Api.post("/api/tasks", body).statusCode(422)
                .body("errors[0].field", equalTo("source_connector_id"))
                .body("errors[0].message", containsString("lacks the REPLICATION attribute"));
        body.put("mode", "full_load");
        Api.post("/api/tasks", body).statusCode(201);
    }
}
