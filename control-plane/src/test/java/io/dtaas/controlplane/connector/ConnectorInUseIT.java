package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A connector's role and type are what its tasks were built on: they cannot change while a task uses it. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class ConnectorInUseIT {

    private static final String DB = "dtaas_cp_in_use";

    @Test
    void roleAndTypeChangesWhileTasksUseTheConnectorAreConflictsAndChangeNothing() throws Exception {
        TaskApi.sourceDatabase(DB);
        long source = TaskApi.pgConnector("source", DB);
        long destination = TaskApi.pgConnector("destination", DB);
        long task = TaskApi.createTask(TaskApi.task("in use " + System.nanoTime(), source, destination,
                List.of("customers")));
        String sourceBefore = when().get("/api/connectors/" + source).then().extract().asString();
        String destinationBefore = when().get("/api/connectors/" + destination).then().extract().asString();

        Api.put("/api/connectors/" + source, Map.of("connector_type", "destination")).statusCode(409)
                .body("detail", containsString("used by 1 task(s)")).body("detail", containsString("connector_type"));
        Api.put("/api/connectors/" + source, Map.of("source_type", "mysql", "connection_config",
                Map.of("port", 3306))).statusCode(409).body("detail", containsString("source_type (postgresql to mysql)"));
        Api.put("/api/connectors/" + destination, Map.of("connector_type", "source", "source_type", "postgresql"))
                .statusCode(409);
        Api.put("/api/connectors/" + destination, Map.of("destination_type", "s3")).statusCode(409);
        assertThat(when().get("/api/connectors/" + source).then().extract().asString()).isEqualTo(sourceBefore);
        assertThat(when().get("/api/connectors/" + destination).then().extract().asString()).isEqualTo(destinationBefore);

        // other changes stay possible, and once the task is gone so is the type change
        Api.put("/api/connectors/" + source, Map.of("description", "still a source")).statusCode(200);
        when().delete("/api/tasks/" + task).then().statusCode(204);
        Api.put("/api/connectors/" + destination, Map.of("connector_type", "source", "source_type", "postgresql"))
                .statusCode(200).body("connector_type", equalTo("source"));
    }
}
