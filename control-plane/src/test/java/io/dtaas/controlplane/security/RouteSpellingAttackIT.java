package io.dtaas.controlplane.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.controlplane.testing.EmbeddedStoreWithTokenProfile;
import io.dtaas.testing.PathVariants;
import io.dtaas.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11.1: with {@code --host 0.0.0.0} and a token, every route of the OpenAPI document, spelt every way an HTTP
 * stack might read as that route, answers 401 or 404 without the token, never the API; with the token, the plain
 * spelling reaches the route (so the walk aims at real routes).
 */
@QuarkusTest
@TestProfile(EmbeddedStoreWithTokenProfile.class)
class RouteSpellingAttackIT {

    private static final String BEARER = "Bearer " + EmbeddedStoreWithTokenProfile.TOKEN;

    private record Route(String method, String path) {
    }

    @Test
    void noSpellingOfAnyRouteReachesTheApiWithoutTheToken() throws Exception {
        List<Route> routes = routes();
        assertThat(routes).extracting(Route::path)
                .contains("/api/connectors", "/api/connectors/1/query", "/api/tasks/1/start", "/api/variables/1",
                        "/api/tasks/1/retention", "/api/tasks/1/tables/remove", "/api/tasks/1/resync",
                        "/api/tasks/1/validate");
        List<String> breaches = new ArrayList<>();
        int tried = 0;
        for (Route r : routes) {
            List<String> spellings = new ArrayList<>(PathVariants.of(r.path()));
            spellings.add(r.path());
            for (String target : spellings) {
                RawHttp.Reply reply = RawHttp.send(RestAssured.port, r.method(), target,
                        Map.of("Content-Type", "application/json"), r.method().equals("GET") || r.method().equals("DELETE")
                                ? null : "{}");
                tried++;
                if (reply.status() != 401 && reply.status() != 404) {
                    breaches.add(r.method() + " " + target + " -> " + reply.status() + " " + abbreviate(reply.body()));
                }
            }
        }
        assertThat(tried).isGreaterThan(1000);
        assertThat(breaches).as("requests that were not refused").isEmpty();
    }

    /**
     * The API document's own route (StoredApiDocument, a route of ours since the start-up work): public for GET and
     * HEAD of its plain spelling only; every other method and spelling needs the token, and with the token the
     * other methods get a 405 problem, never the document.
     */
    @Test
    void theApiDocumentIsPublicOnlyAsAPlainGet() throws Exception {
        List<String> spellings = new ArrayList<>(PathVariants.of("/openapi.json"));
        spellings.removeIf(t -> t.startsWith("/openapi.json?")); // the same path: a query string is not a spelling
        assertThat(spellings).hasSizeGreaterThan(20);
        List<String> breaches = new ArrayList<>();
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String target : spellings) {
                RawHttp.Reply reply = RawHttp.send(RestAssured.port, method, target, Map.of(), null);
                if (reply.status() != 401 && reply.status() != 404) {
                    breaches.add(method + " " + target + " -> " + reply.status());
                }
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                RawHttp.Reply anonymous = RawHttp.send(RestAssured.port, method, "/openapi.json", Map.of(), null);
                assertThat(anonymous.status()).as(method + " without the token").isEqualTo(401);
                RawHttp.Reply tokened = RawHttp.send(RestAssured.port, method, "/openapi.json",
                        Map.of("Authorization", BEARER), null);
                assertThat(tokened.status()).as(method + " with the token").isEqualTo(405);
                assertThat(tokened.body()).contains("\"status\":405").doesNotContain("\"openapi\"");
            }
        }
        assertThat(breaches).as("spellings of /openapi.json served without the token").isEmpty();
    }

    @Test
    void webSocketNeedsTheTokenWhateverTheSpelling() throws Exception {
        Map<String, String> upgrade = Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        for (String target : List.of("/ws", "/ws;x=1", "/ws/", "//ws", "/./ws", "/%77s", "/WS", "/q/health/..;/ws",
                "/ws?access_token=wrong")) {
            RawHttp.Reply reply = RawHttp.send(RestAssured.port, "GET", target, upgrade, null);
            assertThat(reply.status()).as(target).isIn(401, 404);
        }
    }

    @Test
    void theTokenOpensThePlainSpellingAndPublicResourcesNeedNone() throws Exception {
        for (Route r : routes()) {
            if (r.method().equals("GET")) {
                RawHttp.Reply reply = RawHttp.send(RestAssured.port, "GET", r.path(), Map.of("Authorization", BEARER), null);
                assertThat(reply.status()).as(r.path()).isNotEqualTo(401);
            }
        }
        for (String open : List.of("/q/health", "/q/health/live", "/openapi.json", "/")) {
            assertThat(RawHttp.get(RestAssured.port, open).status()).as(open).isEqualTo(200);
        }
        for (String closed : List.of("/q/metrics", "/q/dev-ui", "/q/openapi", "/unknown", "/api")) {
            assertThat(RawHttp.get(RestAssured.port, closed).status()).as(closed).isEqualTo(401);
        }
    }

    private static List<Route> routes() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(RawHttp.get(RestAssured.port, "/openapi.json").body());
        List<Route> routes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            String concrete = p.getKey().replaceAll("\\{id}", "1").replaceAll("\\{[^}]+}", "t");
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (List.of("get", "post", "put", "delete", "patch").contains(m)) {
                    routes.add(new Route(m.toUpperCase(java.util.Locale.ROOT), concrete));
                }
            });
        }
        return routes;
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }
}
