package io.dtaas.controlplane.testing;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Small helpers for API tests. */
public final class Api {

    private Api() {
    }

    public static Map<String, Object> connector(String name, String role, String type, Map<String, Object> config) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("connector_type", role);
        body.put(role + "_type", type);
        body.put("connection_config", config);
        return body;
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    public static ValidatableResponse put(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().put(path).then();
    }

    /** Creates a connector and returns its id. */
    public static long create(Map<String, Object> body) {
        return post("/api/connectors", body).statusCode(201).extract().jsonPath().getLong("id");
    }
}
