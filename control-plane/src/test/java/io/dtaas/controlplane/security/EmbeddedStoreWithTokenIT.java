package io.dtaas.controlplane.security;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.EmbeddedStoreResource;
import io.dtaas.controlplane.testing.EmbeddedStoreWithTokenProfile;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Standalone mode's zero-setup metadata store (embedded PostgreSQL) and the API token that listening on
 * all interfaces requires.
 */
@QuarkusTest
@TestProfile(EmbeddedStoreWithTokenProfile.class)
class EmbeddedStoreWithTokenIT {

    private static final String BEARER = "Bearer " + EmbeddedStoreWithTokenProfile.TOKEN;

    @Test
    void apiRefusesCallsWithoutTheToken() {
        when().get("/api/connectors").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("title", equalTo("Unauthorized"));
        given().header("Authorization", "Bearer wrong").get("/api/connectors").then().statusCode(401);
        given().header("Authorization", BEARER).get("/api/connectors").then().statusCode(200);
        given().queryParam("access_token", EmbeddedStoreWithTokenProfile.TOKEN).get("/api/connectors").then()
                .statusCode(401);
    }

    @Test
    void healthAndDocsStayOpenForProbesAndDistributedModeReportsRedis() {
        when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Redis connection health check' }.data.default", equalTo("PONG"));
        given().header("Authorization", BEARER).get("/api/dashboard/stats").then().statusCode(200)
                .body("redis_configured", equalTo(true)).body("workers.mode", equalTo("distributed"));
        when().get("/openapi.json").then().statusCode(200);
    }

    @Test
    void connectorsAreStoredInTheEmbeddedDatabase() throws Exception {
        java.util.Map<String, Object> config = new java.util.HashMap<>(PostgresFixture.connectionConfig("postgres"));
        config.put("password", "embedded-store-pw");
        long id = given().header("Authorization", BEARER).contentType(ContentType.JSON)
                .body(Api.connector("embedded store", "source", "postgresql", config))
                .post("/api/connectors").then().statusCode(201).extract().jsonPath().getLong("id");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + EmbeddedStoreResource.port
                + "/dtaas", EmbeddedStoreResource.username, EmbeddedStoreResource.password);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, secret_config FROM connectors WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("embedded store");
            assertThat(rs.getString(2)).startsWith("v1:");
        }
    }
}
