package io.dtaas.controlplane.security;

import io.dtaas.testing.RawHttp;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11.6: a web page in the user's browser cannot drive a loopback instance: not by DNS rebinding (foreign Host),
 * not by cross-site form posts or fetches (Origin, Sec-Fetch-Site, non-JSON bodies), not over the WebSocket.
 * Each attack is checked for its effect too: nothing was created, started or deleted.
 */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class BrowserAttackIT {

    private static final String DB = "dtaas_browser_attack";
    private static long source;
    private static long destination;
    private static long task;

    @BeforeAll
    static void fixtures() throws Exception {
        TaskApi.sourceDatabase(DB);
    }

    private static long task() {
        if (task == 0) {
            source = TaskApi.pgConnector("source", DB);
            destination = TaskApi.pgConnector("destination", DB);
            task = TaskApi.createTask(TaskApi.task("browser attack " + System.nanoTime(), source, destination, List.of("customers")));
        }
        return task;
    }

    private static int port() {
        return RestAssured.port;
    }

    @Test
    void dnsRebindingGetsNothing() throws Exception {
        for (String host : List.of("attacker.example:" + port(), "attacker.example", "127.0.0.1.nip.io:" + port(), "localhost.:" + port())) {
            for (String path : List.of("/api/connectors", "/", "/q/health", "/openapi.json")) {
                RawHttp.Reply reply = RawHttp.send(port(), "GET", path, Map.of("Host", host), null);
                assertThat(reply.status()).as(host + " " + path).isEqualTo(403);
                assertThat(reply.body()).doesNotContain("connection_config");
            }
        }
        for (String host : List.of("localhost:" + port(), "127.0.0.1:" + port(), "[::1]:" + port())) {
            assertThat(RawHttp.send(port(), "GET", "/api/connectors", Map.of("Host", host), null).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void crossSiteFormsAndFetchesCannotStartOrDelete() throws Exception {
        long id = task();
        String start = "/api/tasks/" + id + "/start";
        List<Map<String, String>> attacks = List.of(
                Map.of("Origin", "http://evil.example", "Content-Type", "application/x-www-form-urlencoded"),
                Map.of("Origin", "http://evil.example", "Content-Type", "text/plain"),
                Map.of("Origin", "null", "Content-Type", "application/json"),
                Map.of("Origin", "http://localhost:1", "Content-Type", "application/json"),
                Map.of("Sec-Fetch-Site", "cross-site", "Content-Type", "application/json"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Content-Type", "text/plain"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                Map.of("Content-Type", "multipart/form-data; boundary=x"));
        for (Map<String, String> headers : attacks) {
            for (String body : new String[]{"a=b", null}) {
                if (body == null && headers.containsKey("Content-Type") && !headers.containsKey("Origin")
                        && !headers.containsKey("Sec-Fetch-Site")) {
                    continue; // a bare POST from a non-browser client is allowed
                }
                RawHttp.Reply reply = RawHttp.send(port(), "POST", start, headers, body);
                assertThat(reply.status()).as(headers + " body " + body).isIn(403, 415);
                RawHttp.Reply delete = RawHttp.send(port(), "DELETE", "/api/connectors/" + source, headers, body);
                assertThat(delete.status()).as("DELETE " + headers).isIn(403, 415);
            }
        }
        when().get("/api/tasks/" + id + "/executions").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
        when().get("/api/connectors/" + source).then().statusCode(200);
        RawHttp.Reply create = RawHttp.send(port(), "POST", "/api/connectors",
                Map.of("Origin", "http://evil.example", "Content-Type", "application/x-www-form-urlencoded"),
                "name=x&connector_type=source");
        assertThat(create.status()).isEqualTo(403);
    }

    @Test
    void theDashboardsOwnRequestsAndPlainClientsStillWork() throws Exception {
        String origin = "http://localhost:" + port();
        RawHttp.Reply same = RawHttp.send(port(), "PUT", "/api/tasks/" + task(), Map.of("Origin", origin,
                "Sec-Fetch-Site", "same-origin", "Content-Type", "application/json"), "{\"description\":\"changed by the dashboard\"}");
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.body()).contains("changed by the dashboard");
        RawHttp.Reply typed = RawHttp.send(port(), "PUT", "/api/tasks/" + task(), Map.of("Sec-Fetch-Site", "none",
                "Content-Type", "application/json; charset=utf-8"), "{\"description\":\"typed in the address bar\"}");
        assertThat(typed.status()).isEqualTo(200);
    }

    @Test
    void webSocketAcceptsOnlyItsOwnOrigin() throws Exception {
        Map<String, String> upgrade = new java.util.HashMap<>(Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"));
        upgrade.put("Origin", "http://evil.example");
        assertThat(upgradeStatus(upgrade)).isEqualTo(403);
        upgrade.put("Origin", "http://localhost:" + port());
        assertThat(upgradeStatus(upgrade)).isEqualTo(101);
        upgrade.remove("Origin");
        assertThat(upgradeStatus(upgrade)).isEqualTo(101);
    }

    /** The status line of an upgrade request; a 101 leaves the socket open, so only the first line is read. */
    private static int upgradeStatus(Map<String, String> headers) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("GET /ws HTTP/1.1\r\nHost: localhost:" + port() + "\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream())).readLine();
            return Integer.parseInt(line.split(" ")[1]);
        }
    }
}
