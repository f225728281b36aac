package io.dtaas.controlplane;

import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Health, metrics, OpenAPI and Swagger UI at the documented paths. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class OpsIT {

    @Test
    void healthReportsTheMetadataDatabase() {
        when().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void standaloneUsesNoRedisAndShowsNone() {
        when().get("/q/health").then().statusCode(200)
                .body("checks.name", not(hasItem(containsStringIgnoringCase("redis"))));
        when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", not(hasItem(containsStringIgnoringCase("redis"))));
        when().get("/api/dashboard/stats").then().statusCode(200)
                .body("redis_configured", equalTo(false)).body("workers.mode", equalTo("standalone"));
    }

    @Test
    void prometheusMetrics() {
        when().get("/api/connectors").then().statusCode(200);
        when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiAndSwaggerUi() {
        when().get("/openapi.json").then().statusCode(200)
                .body("paths.'/api/connectors'.post", notNullValue())
                .body("paths.'/api/connectors/test'.post", notNullValue())
                .body("paths.'/api/connectors/{id}/query'.post", notNullValue())
                .body("info.title", equalTo("DTaaS API"));
        when().get("/docs/").then().statusCode(200).body(containsString("swagger"));
        when().get("/").then().statusCode(200).body(containsString("DTaaS"));
    }
}
