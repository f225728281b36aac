package io.dtaas.controlplane.api;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resource exhaustion attacks against the running control-plane with real PostgreSQL and MariaDB behind it
 * (issue 11, item 8): pathological patterns, previews that would run forever, huge values, huge and deep
 * bodies, long error lists, NUL characters. Every answer is a small 4xx or a cut result; nothing is stored.
 */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class ResourceLimitsIT {

    private static final String DB = "dtaas_cp_limits";
    private static final int CAP = 65_536;
    private static long pg;
    private static long maria;
    private static boolean prepared;

    @BeforeEach
    void fixtures() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        PostgresFixture.freshDatabase(DB);
        PostgresFixture.execute(DB,
                "CREATE TABLE words (id int PRIMARY KEY, s text)",
                "INSERT INTO words VALUES (1, repeat('a', 5000) || 'b'), (2, repeat('a', 5000)), (3, repeat('a', 39) || 'b'),"
                        + " (4, 'ab')",
                "CREATE TABLE wide (id int PRIMARY KEY, t text)",
                "INSERT INTO wide SELECT g, repeat(chr(97 + g % 26), 40000) FROM generate_series(1, 200) g",
                "CREATE TABLE huge (id int PRIMARY KEY, t text)",
                "INSERT INTO huge SELECT g, repeat('h', 1000000) FROM generate_series(1, 3) g");
        MariaDbFixture.freshDatabase(DB);
        pg = Api.create(Api.connector("limits pg " + System.nanoTime(), "source", "postgresql",
                PostgresFixture.connectionConfig(DB)));
        maria = Api.create(Api.connector("limits maria " + System.nanoTime(), "source", "mysql",
                MariaDbFixture.connectionConfig(DB)));
    }

    private static Map<String, Object> t(String type, Map<String, Object> config) {
        return Map.of("type", type, "config", config);
    }

    private static Map<String, Object> preview(String table, int limit, List<?> transformations) {
        return Map.of("connector_id", pg, "table", table, "limit", limit, "transformations", transformations);
    }

    // --- patterns -------------------------------------------------------------------------------------------

    /** The 40 × '%a' LIKE: a backtracking regex pinned a core for minutes; the bound only catches a hang. */
    @Test
    void theFortyWildcardLikeFilterAnswersWithTheRightRows() {
        String pattern = "%a".repeat(40) + "%b";
        Map<String, Object> body = preview("words", 10, List.of(t("filter_rows", Map.of("condition", "s LIKE '" + pattern + "'"))));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonPath answer = Api.post("/api/transformations/preview", body).statusCode(200).extract().jsonPath();
            assertThat(answer.getList("after.rows.collect { it[0] }")).containsExactly(1);
        });
        Map<String, Object> negated = preview("words", 10,
                List.of(t("filter_rows", Map.of("condition", "s NOT LIKE '" + pattern + "'"))));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(Api.post("/api/transformations/preview", negated)
                .statusCode(200).extract().jsonPath().getList("after.rows.collect { it[0] }")).containsExactly(2, 3, 4));
    }

    @Test
    void aCatastrophicRegexRunsLinearlyAndUnsupportedSyntaxIsNamed() {
        Map<String, Object> body = preview("words", 10, List.of(t("replace",
                Map.of("column", "s", "find", "^(a+)+$", "replacement", "X", "regex", true))));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonPath answer = Api.post("/api/transformations/preview", body).statusCode(200).extract().jsonPath();
            assertThat(answer.getList("after.rows.collect { it[1] }"))
                    .containsExactly("a".repeat(5000) + "b", "X", "a".repeat(39) + "b", "ab");
        });
        for (String[] unsupported : new String[][] {{"(a)\\1", "backreferences"}, {"a(?=b)", "lookahead"},
                {"(?<!x)a", "lookbehind"}, {"a++", "possessive"}, {"((a{1000}){1000}){1000}", "too large"}}) {
            Api.post("/api/transformations/preview", preview("words", 10, List.of(t("replace",
                            Map.of("column", "s", "find", unsupported[0], "regex", true)))))
                    .statusCode(422)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("transformations[0].config.find"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString(unsupported[1]));
        }
    }

    // --- deadline -------------------------------------------------------------------------------------------

    /**
     * 100 regex replacements (the most a list may hold) over ~4 MiB of sample text would take many minutes: the preview is stopped at its
     * deadline (5 s in tests) with a 408, its thread ends, and the next preview works.
     */
    @Test
    void aPreviewThatWouldRunForeverIsStoppedAtItsDeadline() {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steps.add(t("replace", Map.of("column", "t", "find", "[a-z]", "replacement", "$0", "regex", true)));
        }
        Api.post("/api/transformations/preview", preview("wide", 1000, steps))
                .statusCode(408).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Preview timed out"))
                .body("detail", org.hamcrest.Matchers.containsString("did not finish within 5.0 s"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(th -> th.getName().startsWith("dtaas-preview-") && th.isAlive()));
        Api.post("/api/transformations/preview", preview("words", 2, List.of(t("uppercase", Map.of("column", "s")))))
                .statusCode(200);
    }

    // --- value and size caps ------------------------------------------------------------------------------

    @Test
    void queriesOfFiveHugeValuesAnswerThemCutAndSaySo() {
        ExtractableResponse<Response> r = Api.post("/api/connectors/" + pg + "/query",
                Map.of("sql", "SELECT g AS id, repeat('x', 200000000) AS big FROM generate_series(1, 5) g")).statusCode(200).extract();
        assertCutFive(r);
        ExtractableResponse<Response> m = Api.post("/api/connectors/" + maria + "/query",
                Map.of("sql", "SELECT seq AS id, REPEAT('x', 15000000) AS big FROM seq_1_to_5")).statusCode(200).extract();
        assertCutFive(m);
    }

    private static void assertCutFive(ExtractableResponse<Response> r) {
        assertThat(r.asByteArray().length).isLessThan(1_000_000);
        JsonPath json = r.jsonPath();
        assertThat(json.getList("rows")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(json.getString("rows[" + i + "][1]")).isEqualTo("x".repeat(CAP));
        }
        assertThat(json.getBoolean("values_truncated")).isTrue();
        assertThat(json.getList("truncated_cells")).containsExactly(List.of(0, 1), List.of(1, 1), List.of(2, 1),
                List.of(3, 1), List.of(4, 1));
        assertThat(json.getBoolean("size_truncated")).isFalse();
        assertThat(json.getBoolean("truncated")).isFalse();
    }

    @Test
    void browserTablePreviewsCutValuesToo() {
        JsonPath json = when().get("/api/connectors/" + pg + "/tables/huge/preview").then().statusCode(200).extract().jsonPath();
        assertThat(json.getString("rows[0][1]")).isEqualTo("h".repeat(CAP));
        assertThat(json.getList("truncated_cells")).containsExactly(List.of(0, 1), List.of(1, 1), List.of(2, 1));
    }

    @Test
    void transformationPreviewsCutValuesAndStopAtTheSizeBudget() {
        JsonPath cut = Api.post("/api/transformations/preview", preview("huge", 10,
                List.of(t("uppercase", Map.of("column", "t"))))).statusCode(200).extract().jsonPath();
        assertThat(cut.getString("before.rows[0][1]")).isEqualTo("h".repeat(CAP));
        assertThat(cut.getString("after.rows[2][1]")).isEqualTo("H".repeat(CAP));
        assertThat(cut.getBoolean("before.values_truncated")).isTrue();
        assertThat(cut.getList("after.truncated_cells")).containsExactly(List.of(0, 1), List.of(1, 1), List.of(2, 1));

        ExtractableResponse<Response> r = Api.post("/api/transformations/preview", preview("wide", 1000, List.of()))
                .statusCode(200).extract();
        JsonPath full = r.jsonPath();
        assertThat(full.getBoolean("before.size_truncated")).isTrue();
        assertThat(full.getList("before.rows")).hasSizeBetween(50, 150);
        assertThat(full.getString("before.rows[0][1]")).hasSize(40_000);
        assertThat(r.asByteArray().length).isLessThan(10 * 1024 * 1024);
    }

    // --- bodies and error lists ------------------------------------------------------------------------

    private static String connectorWithKeys(int keys) {
        StringBuilder json = new StringBuilder("{\"name\":\"many keys\",\"connector_type\":\"source\","
                + "\"source_type\":\"postgresql\",\"connection_config\":{\"host\":\"127.0.0.1\",\"database\":\"x\","
                + "\"username\":\"u\"");
        for (int i = 0; i < keys; i++) {
            json.append(",\"k").append(i).append("\":1");
        }
        return json.append("}}").toString();
    }

    @Test
    void aTenMegabyteBodyWithAMillionKeysGetsASmall413() throws Exception {
        String before = when().get("/api/connectors").then().extract().asString();
        String body = connectorWithKeys(1_000_000);
        assertThat(body.length()).isGreaterThan(10_000_000);
        ExtractableResponse<Response> r = given().contentType(ContentType.JSON).body(body).post("/api/connectors")
                .then().statusCode(413).contentType("application/problem+json").extract();
        assertThat(r.asByteArray().length).isLessThan(1_000);
        assertThat(r.jsonPath().getString("detail")).contains("larger than the limit of 2097152 bytes");

        // the same body without a Content-Length (chunked) is cut off by the server while read (an empty 413)
        for (int attempt = 0; attempt < 5; attempt++) { // the server keeps answering every one of them
            String answer = chunkedPost("/api/connectors", body.getBytes(StandardCharsets.UTF_8));
            assertThat(answer).startsWith("HTTP/1.1 413 ");
            assertThat(answer.length()).isLessThan(1_000);
        }
        assertThat(when().get("/api/connectors").then().extract().asString()).isEqualTo(before);
    }

    /**
     * POSTs a chunked body over a plain socket, reading the answer while the body is still being written: the
     * server answers 413 and closes in the middle of the body, and a client that only reads once it has written
     * everything (java.net.http does) may see the reset first and never the answer.
     */
    private static String chunkedPost(String path, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    for (int at = 0; at < body.length; at += 65_536) {
                        int n = Math.min(65_536, body.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // expected: the server stops reading once the body passes the limit
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 100_000; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException resetAfterTheAnswer) {
                // the server closed with part of the body unread; what it answered before is in hand
            }
            writer.join(60_000);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void errorListsAreCappedWithACountOfTheRest() {
        ExtractableResponse<Response> r = given().contentType(ContentType.JSON).body(connectorWithKeys(100_000))
                .post("/api/connectors").then().statusCode(422).extract();
        assertThat(r.asByteArray().length).isLessThan(30_000);
        JsonPath json = r.jsonPath();
        assertThat(json.getList("errors")).hasSize(50);
        assertThat(json.getInt("errors_omitted")).isEqualTo(100_000 - 50);
        assertThat(json.getString("errors[0].field")).isEqualTo("connection_config.k0");
        assertThat(json.getString("detail")).endsWith("and 99950 more");

        List<Map<String, Object>> bad = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bad.add(Map.of("type", "nope"));
        }
        Api.post("/api/transformations/preview", preview("words", 1, bad)).statusCode(422)
                .body("errors.size()", org.hamcrest.Matchers.equalTo(50))
                .body("errors_omitted", org.hamcrest.Matchers.equalTo(50));
        Api.post("/api/connectors", Map.of("name", "x")).statusCode(422)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("errors_omitted")));
    }

    @Test
    void deepOrOversizedJsonIsA400NamingTheLimit() {
        String deep = "{\"name\": \"deep\", \"connection_config\": {\"host\": " + "[".repeat(100) + "]".repeat(100) + "}}";
        given().contentType(ContentType.JSON).body(deep).post("/api/connectors").then().statusCode(400)
                .body("title", org.hamcrest.Matchers.equalTo("JSON limits exceeded"))
                .body("detail", org.hamcrest.Matchers.containsString("more than 64 levels deep"));
        given().contentType(ContentType.JSON).body("{\"" + "k".repeat(2_000) + "\": 1}").post("/api/connectors").then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.containsString("key is longer than 1000"));
        given().contentType(ContentType.JSON).body("{\"port\": " + "9".repeat(500) + "}").post("/api/connectors").then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.containsString("more than 100 digits"));
    }

    // --- NUL characters ---------------------------------------------------------------------------------

    private static String stored() {
        return when().get("/api/connectors").then().extract().asString() + when().get("/api/tasks").then().extract().asString()
                + when().get("/api/variables").then().extract().asString();
    }

    private static void refusedNaming(String path, Object body, String field) {
        Api.post(path, body).statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo(field))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("NUL character"));
    }

    @Test
    void nulCharactersInAnyTextFieldAreA422NamingItAndNothingIsStored() {
        String before = stored();
        Map<String, Object> config = new HashMap<>(PostgresFixture.connectionConfig(DB));
        Map<String, Object> connector = new HashMap<>(Api.connector("nul\0name", "source", "postgresql", config));
        refusedNaming("/api/connectors", connector, "name");
        connector.put("name", "fine");
        connector.put("description", "a\0b");
        refusedNaming("/api/connectors", connector, "description");
        connector.remove("description");
        for (String field : List.of("host", "database", "username", "password")) {
            Map<String, Object> bad = new HashMap<>(config);
            bad.put(field, "x\0y");
            connector.put("connection_config", bad);
            refusedNaming("/api/connectors", connector, "connection_config." + field);
        }
        Map<String, Object> badKey = new HashMap<>(config);
        badKey.put("po\0rt", 1);
        connector.put("connection_config", badKey);
        refusedNaming("/api/connectors", connector, "connection_config.po\\u0000rt");
        Api.put("/api/connectors/" + pg, Map.of("description", "\0")).statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("description"));

        Map<String, Object> task = new HashMap<>(Map.of("name", "nul\0task", "source_connector_id", pg,
                "destination_connector_id", pg, "mode", "full_load", "config", Map.of("tables", List.of("words"))));
        refusedNaming("/api/tasks", task, "name");
        task.put("name", "fine task");
        task.put("config", Map.of("tables", List.of("words", "wo\0rds")));
        refusedNaming("/api/tasks", task, "config.tables[1]");
        task.put("config", Map.of("tables", List.of("words"), "transformations", Map.of("words",
                List.of(t("add_prefix", Map.of("column", "s", "prefix", "\0"))))));
        refusedNaming("/api/tasks", task, "config.transformations.words[0].config.prefix");

        refusedNaming("/api/variables", Map.of("name", "nul_value", "variable_type", "static", "config",
                Map.of("value", "a\0b")), "config.value");
        refusedNaming("/api/variables", Map.of("name", "nul_value", "type", "static", "value", List.of("ok", "\0")), "value[1]");
        refusedNaming("/api/transformations/preview", preview("words", 1, List.of(t("replace",
                Map.of("column", "s", "find", "a\0")))), "transformations[0].config.find");
        given().queryParam("schema", "pub\0lic").get("/api/connectors/" + pg + "/tables").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("query parameter schema"));
        assertThat(stored()).isEqualTo(before);
    }
}
