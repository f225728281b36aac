package io.dtaas.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Just enough JSON over HTTP to drive the control-plane's API from another process. */
final class ApiClient {

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    ApiClient(String base) {
        this.base = base;
    }

    record Reply(int status, JsonNode body) {
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : json.writeValueAsString(body))));
    }

    Reply put(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    /** POSTs and returns the body, failing with the answer when the status is not the expected one. */
    JsonNode expect(int status, String path, Object body) throws Exception {
        Reply r = post(path, body);
        if (r.status() != status) {
            throw new AssertionError("POST " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body() == null || r.body().isBlank() ? null : json.readTree(r.body());
        return new Reply(r.statusCode(), body);
    }
}
