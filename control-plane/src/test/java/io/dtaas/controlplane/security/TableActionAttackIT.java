package io.dtaas.controlplane.security;

import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-table doors the dashboard calls (`tables/pause`, `tables/resume`, `tables/remove`, `resync`) attacked with
 * bodies a hostile caller sends: names that look like SQL, paths, patterns or quoting, NUL, huge names and lists,
 * wrong JSON types and no JSON at all. Each answer is a 4xx naming the field, never a 5xx; the task's stored
 * settings are byte for byte what they were, and no table joins {@code exclude_tables}.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class TableActionAttackIT {

    private static final List<String> DOORS = List.of("tables/remove", "tables/pause", "tables/resume", "resync");

    private static List<Object> hostileNames() {
        List<Object> names = new ArrayList<>(List.of("a; DROP TABLE a", "a' OR '1'='1", "\"a\"", "../a", "/etc/passwd",
                "%", "*", "a\u0000", "public.a\u0000", "", " ", "a--", "pg_catalog.pg_authid", "<img src=x onerror=1>"));
        names.add("x".repeat(10_000));
        return names;
    }

    private static List<Object> hostileBodies() {
        List<Object> bodies = new ArrayList<>();
        for (Object name : hostileNames()) {
            bodies.add(Map.of("tables", List.of(name)));
        }
        bodies.add(Map.of("tables", Collections.nCopies(5_000, "nope")));
        bodies.add(Map.of("tables", "a"));
        bodies.add(Map.of("tables", 1));
        bodies.add(Map.of("tables", Map.of("name", "a")));
        bodies.add(Map.of("tables", List.of(List.of("a"))));
        bodies.add("not json at all");
        bodies.add("{\"tables\": [\"a\"");
        return bodies;
    }

    @Test
    void hostileTableListsAreRefusedByNameAndChangeNothing() throws Exception {
        String src = "attack_tables_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE a (id int PRIMARY KEY)");
        long task = TaskApi.createTask(Map.of("name", "table attack " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src),
                "destination_connector_id", TaskApi.pgConnector("destination", src),
                "mode", "cdc", "schedule_type", "on_demand", "config", Map.of("tables", List.of("a"))));
        String before = when().get("/api/tasks/{id}", task).then().statusCode(200).extract().asString();

        for (String door : DOORS) {
            for (Object body : hostileBodies()) {
                ExtractableResponse<Response> r = given().contentType(ContentType.JSON).body(body)
                        .post("/api/tasks/{id}/" + door, task).then().extract();
                String shown = String.valueOf(body);
                assertThat(r.statusCode()).as("%s with %.80s", door, shown).isBetween(400, 499).isNotIn(401, 403, 404, 409);
                assertThat(r.asString()).as("%s with %.80s", door, shown).doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(r.jsonPath().getString("errors[0].field")).as("%s with %.80s names the field", door, shown)
                        .matches("tables(\\[\\d+])?|body");
            }
        }
        String after = when().get("/api/tasks/{id}", task).then().statusCode(200).extract().asString();
        assertThat(after).isEqualTo(before);
        assertThat(when().get("/api/tasks/{id}", task).then().extract().jsonPath().getList("config.exclude_tables"))
                .isNullOrEmpty();
    }
}
