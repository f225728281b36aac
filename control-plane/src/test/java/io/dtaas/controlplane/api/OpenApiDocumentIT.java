package io.dtaas.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.controlplane.openapi.StoredApiDocumentProbe;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15.1: /openapi.json describes what the API accepts: snake_case names, the closed value sets, what a create
 * requires, problem documents, and the seed's own bodies as examples that the API accepts verbatim. (Every other
 * API test's traffic is also validated against the document by OpenApiContract.)
 */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class OpenApiDocumentIT {

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(when().get("/openapi.json").then().statusCode(200).extract().asString());
    }

    @Test
    void theDocumentIsTheOneStoredAtBuildServedAsStoredWithItsEtag() {
        byte[] stored = StoredApiDocumentProbe.stored();
        assertThat(stored).as("the build stored the document").isNotNull();
        String etag = StoredApiDocumentProbe.etag(stored);
        byte[] served = when().get("/openapi.json").then().statusCode(200)
                .contentType("application/json").header("ETag", etag).extract().asByteArray();
        assertThat(served).isEqualTo(stored); // our route's bytes, not Quarkus' re-serialisation
        given().header("If-None-Match", etag).when().get("/openapi.json").then().statusCode(304);
        given().header("If-None-Match", "\"other\"").when().get("/openapi.json").then().statusCode(200);
        when().head("/openapi.json").then().statusCode(200).header("Content-Length", String.valueOf(stored.length));
        when().post("/openapi.json").then().statusCode(405).header("Allow", "GET, HEAD");
    }

    @Test
    void namesEnumsAndRequiredFieldsAreThoseTheApiUses() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode connector = schemas.path("ConnectorRequest").path("properties");
        assertThat(iterable(connector.fieldNames())).contains("connector_type", "source_type", "destination_type",
                "connection_config", "is_active").doesNotContain("connectorType", "connectionConfig");
        assertThat(connector.path("source_type").path("enum").toString()).contains("\"sql_server\"", "\"postgresql\"");
        assertThat(connector.path("destination_type").path("enum").toString()).contains("\"snowflake\"", "\"s3\"",
                "\"local_files\"");
        assertThat(schemas.path("TaskRequest").path("properties").path("mode").path("enum").toString())
                .contains("\"full_load_then_cdc\"");
        assertThat(schemas.path("ConnectorCreateRequest").path("required").toString())
                .contains("\"name\"", "\"connector_type\"", "\"connection_config\"");
        assertThat(schemas.path("Problem").path("properties").has("errors")).isTrue();
        JsonNode post = document().path("paths").path("/api/connectors").path("post");
        assertThat(post.path("responses").has("201")).isTrue();
        assertThat(post.path("responses").path("422").path("content").has("application/problem+json")).isTrue();
    }

    @Test
    void theSeedsExamplesInTheDocumentAreAcceptedVerbatim() throws Exception {
        JsonNode examples = document().path("paths").path("/api/connectors").path("post").path("requestBody")
                .path("content").path("application/json").path("examples");
        List<String> names = iterable(examples.fieldNames());
        assertThat(names).contains("sql_server_source", "snowflake_destination", "s3_destination");
        for (String name : names) {
            Map<?, ?> body = new ObjectMapper().convertValue(examples.path(name).path("value"), Map.class);
            long id = given().contentType(ContentType.JSON).body(body).post("/api/connectors").then()
                    .statusCode(201).extract().jsonPath().getLong("id");
            when().delete("/api/connectors/" + id).then().statusCode(204);
        }
        JsonNode tasks = document().path("paths").path("/api/tasks").path("post").path("requestBody")
                .path("content").path("application/json").path("examples");
        assertThat(iterable(tasks.fieldNames())).contains("full_load", "cdc", "full_load_then_cdc", "with_transformations");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
