package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.MetadataPostgresResource;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TcpProbe;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * A stored secret goes only to the endpoint it was stored with: tests and updates that change host, port, TLS
 * settings or the S3 endpoint must carry the secrets again, and a listener on the caller's chosen port sees no
 * connection at all when they do not.
 */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class EndpointBindingIT {

    private static final String DB = "dtaas_cp_binding";
    private static final String MASK = "********";

    @BeforeAll
    static void database() throws Exception {
        MariaDbFixture.freshDatabase(DB);
        S3ServerFixture.createBucket("dtaas-cp-binding");
    }

    private static long maria() {
        return Api.create(Api.connector("binding maria " + System.nanoTime(), "source", "mysql",
                MariaDbFixture.connectionConfig(DB)));
    }

    private static Map<String, Object> testBody(String type, long storedId, Map<String, Object> config) {
        Map<String, Object> body = new HashMap<>();
        body.put("connector_type", "source");
        body.put("source_type", type);
        body.put("connection_config", config);
        body.put("connector_id", storedId);
        return body;
    }

    private static Map<String, Object> shown(long id) {
        return new HashMap<>(when().get("/api/connectors/" + id).then().extract().jsonPath().getMap("connection_config"));
    }

    @Test
    void aStoredPasswordIsNeverSentToAnotherPortOrHost() throws Exception {
        long id = maria();
        try (TcpProbe attacker = new TcpProbe()) {
            Map<String, Object> masked = shown(id);
            masked.put("port", attacker.port());
            Map<String, Object> omitted = new HashMap<>(masked);
            omitted.remove("password");
            Map<String, Object> otherHost = new HashMap<>(masked);
            otherHost.put("host", "localhost");
            for (Map<String, Object> config : new Map[]{masked, omitted, otherHost}) {
                Api.post("/api/connectors/test", testBody("mysql", id, config)).statusCode(422)
                        .body("errors.field", org.hamcrest.Matchers.contains("connection_config.password"))
                        .body("errors[0].message", containsString("must be given again because"))
                        .body("errors[0].message", containsString("port"));
            }
            assertThat(attacker.connections()).as("connections the attacker's listener got").isZero();

            // the control: with the password typed again the test does go there (and fails: it is no MariaDB)
            Map<String, Object> typed = new HashMap<>(masked);
            typed.put("password", "typed-again-by-the-caller");
            Api.post("/api/connectors/test", testBody("mysql", id, typed)).statusCode(200).body("success", equalTo(false));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attacker.connections() > 0);
            assertThat(attacker.received()).doesNotContain(MariaDbFixture.PASSWORD);
        }
    }

    @Test
    void weakerTlsIsAnotherEndpointToo() {
        long id = maria();
        Map<String, Object> config = shown(id);
        config.put("ssl_mode", "trust");
        Api.post("/api/connectors/test", testBody("mysql", id, config)).statusCode(422)
                .body("errors[0].field", equalTo("connection_config.password"))
                .body("errors[0].message", containsString("ssl_mode changed"));

        long pg = Api.create(Api.connector("binding pg " + System.nanoTime(), "source", "postgresql",
                withPassword(PostgresFixture.connectionConfig("postgres"), "pg-stored-secret")));
        Map<String, Object> pgConfig = shown(pg);
        pgConfig.put("sslmode", "disable");
        Api.post("/api/connectors/test", testBody("postgresql", pg, pgConfig)).statusCode(422)
                .body("errors[0].message", containsString("sslmode changed"));
    }

    @Test
    void theSameEndpointStillTestsWithTheStoredSecret() {
        long id = maria();
        Map<String, Object> config = shown(id);
        Api.post("/api/connectors/test", testBody("mysql", id, config)).statusCode(200).body("success", equalTo(true));
        config.put("port", MariaDbFixture.PORT); // the same value sent explicitly is no change
        config.put("database", "mysql");         // another database on the same server is the same endpoint
        Api.post("/api/connectors/test", testBody("mysql", id, config)).statusCode(200).body("success", equalTo(true));
    }

    @Test
    void s3KeysAndSessionTokensStayWithTheirEndpoint() throws Exception {
        Map<String, Object> s3 = S3ServerFixture.connectionConfig("dtaas-cp-binding");
        s3.put("aws_session_token", "stored-session-token-5d1e");
        long id = Api.create(Api.connector("binding s3 " + System.nanoTime(), "destination", "s3", s3));
        try (TcpProbe attacker = new TcpProbe()) {
            Map<String, Object> config = shown(id);
            config.put("endpoint_url", "http://127.0.0.1:" + attacker.port());
            Map<String, Object> body = new HashMap<>(Map.of("connector_type", "destination", "destination_type", "s3",
                    "connection_config", config, "connector_id", id));
            Api.post("/api/connectors/test", body).statusCode(422)
                    .body("errors.field", hasItems("connection_config.aws_secret_access_key",
                            "connection_config.aws_session_token"));
            config.put("aws_secret_access_key", "typed-again");
            Api.post("/api/connectors/test", body).statusCode(422)
                    .body("errors.field", org.hamcrest.Matchers.contains("connection_config.aws_session_token"));
            Map<String, Object> virtualHosted = shown(id);
            virtualHosted.put("path_style", false);
            body.put("connection_config", virtualHosted);
            Api.post("/api/connectors/test", body).statusCode(422);
            assertThat(attacker.connections()).isZero();
        }
    }

    @Test
    void anUpdateThatMovesTheEndpointWithoutTheSecretChangesNothing() throws Exception {
        long id = maria();
        String before = row(id);
        Api.put("/api/connectors/" + id, Map.of("connection_config", Map.of("host", "localhost", "password", MASK)))
                .statusCode(422).body("errors[0].field", equalTo("connection_config.password"));
        Api.put("/api/connectors/" + id, Map.of("connection_config", Map.of("port", 3307))).statusCode(422);
        Api.put("/api/connectors/" + id, Map.of("name", "renamed " + id, "connection_config", Map.of("ssl_mode", "trust")))
                .statusCode(422);
        assertThat(row(id)).isEqualTo(before);

        // a change of database keeps the stored password; a move with the password typed again is accepted
        Api.put("/api/connectors/" + id, Map.of("connection_config", Map.of("database", "mysql", "password", MASK)))
                .statusCode(200);
        when().post("/api/connectors/" + id + "/test").then().body("success", equalTo(true));
        Api.put("/api/connectors/" + id, Map.of("connection_config", Map.of("host", "localhost",
                "password", MariaDbFixture.PASSWORD))).statusCode(200).body("connection_config.host", equalTo("localhost"));
    }

    /** A wrong database that equals the password is answered like any other wrong name: no mask, no oracle. */
    @Test
    void failureMessagesAreNeverMaskedSoTheyConfirmNoGuess() {
        long id = maria();
        Map<String, Object> guess = shown(id);
        guess.put("database", MariaDbFixture.PASSWORD);
        String guessed = Api.post("/api/connectors/test", testBody("mysql", id, guess)).statusCode(200)
                .body("success", equalTo(false)).body("message", not(containsString(MASK)))
                .extract().jsonPath().getString("message");
        Map<String, Object> other = shown(id);
        other.put("database", "dtaas-not-the-password");
        String otherMessage = Api.post("/api/connectors/test", testBody("mysql", id, other)).statusCode(200)
                .extract().jsonPath().getString("message");
        assertThat(guessed.replace(MariaDbFixture.PASSWORD, "NAME").replaceAll("conn=\\d+", ""))
                .isEqualTo(otherMessage.replace("dtaas-not-the-password", "NAME").replaceAll("conn=\\d+", ""));
    }

    private static Map<String, Object> withPassword(Map<String, Object> config, String password) {
        config.put("password", password);
        return config;
    }

    /** The stored row as text, secrets sealed. */
    private static String row(long id) throws Exception {
        try (Connection c = PostgresFixture.connect(MetadataPostgresResource.DATABASE);
             PreparedStatement ps = c.prepareStatement("SELECT row_to_json(c)::text FROM connectors c WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
