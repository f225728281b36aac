package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Input a new user might send: each gets a 4xx naming the problem, no stack trace, and nothing stored changes. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class BadInputIT {

    private long existing;
    private String before;

    @BeforeEach
    void storeOne() {
        existing = Api.create(Api.connector("bad-input " + System.nanoTime(), "source", "postgresql",
                PostgresFixture.connectionConfig("postgres")));
        before = when().get("/api/connectors").then().extract().asString();
    }

    private void nothingChanged() {
        assertThat(when().get("/api/connectors").then().extract().asString()).isEqualTo(before);
    }

    private static Map<String, Object> valid() {
        return new HashMap<>(Api.connector("new one", "source", "postgresql", PostgresFixture.connectionConfig("postgres")));
    }

    @Test
    void missingFieldsAreEachNamed() {
        Api.post("/api/connectors", Map.of("description", "nothing else")).statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("connector_type"));
        Map<String, Object> noConfig = valid();
        noConfig.remove("connection_config");
        Api.post("/api/connectors", noConfig).statusCode(422)
                .body("errors.field", hasItem("connection_config.host"))
                .body("errors.field", hasItem("connection_config.database"));
        nothingChanged();
    }

    @Test
    void unknownTypesListWhatIsKnown() {
        Map<String, Object> body = valid();
        body.put("source_type", "mongodb");
        Api.post("/api/connectors", body).statusCode(422)
                .body("errors[0].field", equalTo("source_type"))
                .body("errors[0].message", containsString("[postgresql, mysql, sql_server, oracle]"));
        body = valid();
        body.put("connector_type", "sink");
        Api.post("/api/connectors", body).statusCode(422).body("errors[0].field", equalTo("connector_type"));
        body = valid();
        body.put("destination_type", "s3");
        Api.post("/api/connectors", body).statusCode(422).body("errors[0].field", equalTo("destination_type"));
        nothingChanged();
    }

    @Test
    void aStringPortIsATypeError() {
        Map<String, Object> body = valid();
        Map<String, Object> config = new HashMap<>(PostgresFixture.connectionConfig("postgres"));
        config.put("port", "5432");
        body.put("connection_config", config);
        Api.post("/api/connectors", body).statusCode(422)
                .body("errors[0].field", equalTo("connection_config.port"))
                .body("errors[0].message", equalTo("must be an integer"));
        Api.put("/api/connectors/" + existing, Map.of("connection_config", Map.of("port", "abc"))).statusCode(422)
                .body("errors[0].field", equalTo("connection_config.port"));
        nothingChanged();
    }

    @Test
    void wrongJsonTypesNameTheField() {
        Api.post("/api/connectors", Map.of("name", Map.of("nested", true), "connector_type", "source")).statusCode(422)
                .body("errors[0].field", equalTo("name"));
        Api.post("/api/connectors", Map.of("name", "x", "connection_config", "not an object")).statusCode(422)
                .body("errors[0].field", equalTo("connection_config"));
        nothingChanged();
    }

    @Test
    void missingIdsAre404() {
        when().get("/api/connectors/987654").then().statusCode(404).body("detail", equalTo("connector 987654 not found"));
        Api.put("/api/connectors/987654", Map.of("name", "x")).statusCode(404);
        when().delete("/api/connectors/987654").then().statusCode(404);
        when().post("/api/connectors/987654/test").then().statusCode(404);
        when().get("/api/connectors/987654/tables").then().statusCode(404);
        when().get("/api/connectors/not-a-number").then().statusCode(404);
        nothingChanged();
    }

    @Test
    void malformedJsonIs400WithItsPosition() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\",\n \"connector_type\": }")
                .when().post("/api/connectors").then().statusCode(400)
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("line 2"));
        given().contentType(ContentType.JSON).body("[1, 2]").when().post("/api/connectors").then()
                .statusCode(400);
        given().contentType(ContentType.JSON).body("").when().post("/api/connectors").then().statusCode(422);
        nothingChanged();
    }

    @Test
    void aOneMegabyteNameIsRefused() {
        Map<String, Object> body = valid();
        body.put("name", "n".repeat(1024 * 1024));
        Api.post("/api/connectors", body).statusCode(422)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("at most 200 characters"));
        Api.put("/api/connectors/" + existing, Map.of("name", "n".repeat(1024 * 1024))).statusCode(422);
        nothingChanged();
    }

    @Test
    void duplicateNamesConflict() {
        String name = when().get("/api/connectors/" + existing).then().extract().path("name");
        Map<String, Object> body = valid();
        body.put("name", name.toUpperCase());
        Api.post("/api/connectors", body).statusCode(409).body("detail", containsString("already exists"));
        nothingChanged();
    }

    @Test
    void unknownConfigFieldsAreNamedNotIgnored() {
        Map<String, Object> body = valid();
        Map<String, Object> config = new HashMap<>(PostgresFixture.connectionConfig("postgres"));
        config.put("passwrod", "typo");
        body.put("connection_config", config);
        Api.post("/api/connectors", body).statusCode(422)
                .body("errors[0].field", equalTo("connection_config.passwrod"))
                .body("errors[0].message", containsString("unknown field"));
        nothingChanged();
    }

    @Test
    void hostileTableNamesInTheBrowserAreNotFound() {
        when().get("/api/connectors/" + existing + "/tables/x\"; drop table y; --/columns").then().statusCode(404)
                .body("detail", containsString("not found"));
        Api.post("/api/connectors/" + existing + "/query", Map.of("sql", "SELECT 1; DROP TABLE connectors"))
                .statusCode(422).body("errors[0].field", equalTo("sql"));
    }

    @Test
    void noErrorAnswerShowsAStackTrace() {
        String[] answers = {
                Api.post("/api/connectors", Map.of("name", 1)).extract().asString(),
                given().contentType(ContentType.JSON).body("{").post("/api/connectors").then().extract().asString(),
                when().get("/api/connectors/0").then().extract().asString(),
                when().get("/api/nothing-here").then().statusCode(404).extract().asString()};
        for (String answer : answers) {
            assertThat(answer).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.dtaas.");
        }
        given().contentType(ContentType.TEXT).body("hello").post("/api/connectors").then()
                .statusCode(415).body(not(containsString("Exception")));
    }
}
