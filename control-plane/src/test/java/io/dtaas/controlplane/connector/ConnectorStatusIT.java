package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Issue 14.3: a connector's status is about its current settings, and a stored password can be cleared. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class ConnectorStatusIT {

    private static final String DB = "dtaas_connector_status";

    @Test
    void fixingTheSettingsDropsTheOldFailureAndTheNextTestRecordsSuccess() throws Exception {
        PostgresFixture.freshDatabase(DB);
        Map<String, Object> wrong = new HashMap<>(PostgresFixture.connectionConfig(DB));
        wrong.put("database", "dtaas_no_such_database");
        long id = Api.create(Api.connector("status " + System.nanoTime(), "source", "postgresql", wrong));
        when().post("/api/connectors/" + id + "/test").then().statusCode(200).body("success", equalTo(false));
        when().get("/api/connectors/" + id).then().body("status", equalTo("failed"));

        given().contentType(ContentType.JSON).body(Map.of("connection_config", Map.of("database", DB)))
                .put("/api/connectors/" + id).then().statusCode(200)
                .body("status", equalTo("untested")).body("last_test_message", nullValue());
        when().post("/api/connectors/" + id + "/test").then().statusCode(200).body("success", equalTo(true));
        when().get("/api/connectors/" + id).then().body("status", equalTo("ok"));

        // a change that leaves the settings as they are keeps the result
        given().contentType(ContentType.JSON).body(Map.of("description", "same settings"))
                .put("/api/connectors/" + id).then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void aStoredPasswordIsClearedBySendingNull() {
        Map<String, Object> config = new HashMap<>(PostgresFixture.connectionConfig("postgres"));
        config.put("password", "kept-secret");
        long id = Api.create(Api.connector("clear " + System.nanoTime(), "source", "postgresql", config));
        when().get("/api/connectors/" + id).then().body("connection_config.password", equalTo("********"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("password", null);
        given().contentType(ContentType.JSON).body(Map.of("connection_config", clear))
                .put("/api/connectors/" + id).then().statusCode(200)
                .body("connection_config", not(hasKey("password")));
    }
}
