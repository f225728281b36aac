package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The seed's connectors API, end to end against real databases, an S3 server and a directory. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class ConnectorApiIT {

    /** The seed's own example, verbatim (SQL Server is not reachable here: creating it does not connect). */
    private static final Map<String, Object> SEED_SQL_SERVER = Map.of(
            "name", "Production SQL Server",
            "description", "Main production database",
            "connector_type", "source",
            "source_type", "sql_server",
            "connection_config", Map.of("host", "sql-server.example.com", "port", 1433, "database", "ProductionDB",
                    "username", "app_user", "password", "SecurePass123!"));

    @Test
    void seedLifecycleCreateListGetUpdateDelete() {
        var created = Api.post("/api/connectors", SEED_SQL_SERVER).statusCode(201).extract();
        long id = created.jsonPath().getLong("id");
        org.assertj.core.api.Assertions.assertThat(created.header("Location")).endsWith("/api/connectors/" + id);
        when().get("/api/connectors").then().statusCode(200).body("id", hasItem((int) id));
        when().get("/api/connectors/" + id).then().statusCode(200)
                .body("name", equalTo("Production SQL Server"))
                .body("connector_type", equalTo("source"))
                .body("source_type", equalTo("sql_server"))
                .body("destination_type", nullValue())
                .body("connection_config.port", equalTo(1433))
                .body("connection_config.password", equalTo("********"))
                .body("connection_config.encrypt", equalTo(true))
                .body("status", equalTo("untested"));

        Api.put("/api/connectors/" + id, Map.of("name", "Updated Name", "description", "New description"))
                .statusCode(200)
                .body("name", equalTo("Updated Name"))
                .body("description", equalTo("New description"))
                .body("connection_config.host", equalTo("sql-server.example.com"))
                .body("connection_config.password", equalTo("********"));

        when().delete("/api/connectors/" + id).then().statusCode(204);
        when().get("/api/connectors/" + id).then().statusCode(404)
                .body("detail", equalTo("connector " + id + " not found"));
    }

    @Test
    void seedTestRequestAnswersUnreachableForAnAbsentSqlServer() {
        Api.post("/api/connectors/test", Map.of("connector_type", "source", "source_type", "sql_server",
                        "connection_config", Map.of("host", "127.0.0.1", "port", 1, "database", "TestDB",
                                "username", "sa", "password", "password")))
                .statusCode(200)
                .body("success", equalTo(false))
                .body("failure", equalTo("unreachable"))
                .body("details.latency_ms", greaterThanOrEqualTo(0));
    }

    @Test
    void testsRealPostgresMariaDbS3AndDirectoryAndRecordsTheOutcome() throws Exception {
        Path dir = FilesRoot.newDirectory("dtaas-cp-conn");
        MariaDbFixture.freshDatabase("dtaas_cp_conn");
        S3ServerFixture.createBucket("dtaas-cp-conn");
        long pg = Api.create(Api.connector("pg " + System.nanoTime(), "source", "postgresql",
                PostgresFixture.connectionConfig("postgres")));
        long maria = Api.create(Api.connector("maria " + System.nanoTime(), "source", "mysql",
                MariaDbFixture.connectionConfig("dtaas_cp_conn")));
        long s3 = Api.create(Api.connector("s3 " + System.nanoTime(), "destination", "s3",
                S3ServerFixture.connectionConfig("dtaas-cp-conn")));
        long files = Api.create(Api.connector("files " + System.nanoTime(), "destination", "local_files",
                Map.of("path", dir.toString(), "file_format", "csv")));
        for (long id : new long[]{pg, maria, s3, files}) {
            when().post("/api/connectors/" + id + "/test").then().statusCode(200)
                    .body("success", equalTo(true))
                    .body("details.latency_ms", notNullValue());
            when().get("/api/connectors/" + id).then().body("status", equalTo("ok"))
                    .body("last_tested_at", notNullValue());
        }
        when().post("/api/connectors/" + pg + "/test").then().body("details.server_version", startsWith("PostgreSQL 15"));
        when().post("/api/connectors/" + maria + "/test").then().body("details.server_version", startsWith("MariaDB"));
    }

    @Test
    void badCredentialsAndUnreachableHostsAreToldApart() {
        Map<String, Object> wrongPassword = new java.util.HashMap<>(MariaDbFixture.connectionConfig("mysql"));
        wrongPassword.put("password", "definitely-wrong");
        Api.post("/api/connectors/test", Map.of("connector_type", "source", "source_type", "mysql",
                        "connection_config", wrongPassword))
                .statusCode(200).body("success", equalTo(false)).body("failure", equalTo("authentication"));
        Map<String, Object> closed = new java.util.HashMap<>(MariaDbFixture.connectionConfig("mysql"));
        closed.put("port", 1);
        Api.post("/api/connectors/test", Map.of("connector_type", "source", "source_type", "mysql",
                        "connection_config", closed))
                .statusCode(200).body("success", equalTo(false)).body("failure", equalTo("unreachable"));
    }

    @Test
    void testingAnEditWithMaskedSecretsUsesTheStoredOnes() {
        long id = Api.create(Api.connector("maria masked " + System.nanoTime(), "source", "mysql",
                MariaDbFixture.connectionConfig("mysql")));
        Map<String, Object> shown = given().get("/api/connectors/" + id).then().extract().jsonPath()
                .getMap("connection_config");
        Api.post("/api/connectors/test", Map.of("connector_type", "source", "source_type", "mysql",
                "connection_config", shown, "connector_id", id)).statusCode(200).body("success", equalTo(true));
        Api.post("/api/connectors/test", Map.of("connector_type", "source", "source_type", "mysql",
                "connection_config", shown)).statusCode(200).body("success", equalTo(false));
    }

    @Test
    void connectorTypesDeclareTheirFields() {
        when().get("/api/connector-types").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.contains("postgresql", "mysql", "sql_server", "oracle", "snowflake",
                        "s3", "local_files"))
                .body("find { it.id == 'postgresql' }.roles", org.hamcrest.Matchers.containsInAnyOrder("source", "destination"))
                .body("find { it.id == 'postgresql' }.fields.find { it.name == 'password' }.secret", equalTo(true))
                .body("find { it.id == 'postgresql' }.fields.find { it.name == 'port' }.default_value", equalTo(5432))
                .body("find { it.id == 's3' }.fields.find { it.name == 'aws_secret_access_key' }.secret", equalTo(true))
                .body("find { it.id == 's3' }.fields.find { it.name == 'file_format' }.options",
                        org.hamcrest.Matchers.contains("parquet", "csv", "json"))
                .body("find { it.id == 'snowflake' }.roles", org.hamcrest.Matchers.contains("destination"));
    }
}
