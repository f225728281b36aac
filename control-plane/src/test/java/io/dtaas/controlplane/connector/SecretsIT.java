package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.MetadataPostgresResource;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** No response, log line or metadata column ever holds a plaintext secret; masked values keep secrets. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class SecretsIT {

    private static final String SNOWFLAKE_PASSWORD = "Snowflake-Plaintext-7c2f";
    private static final String S3_SECRET = S3ServerFixture.SECRET_KEY;

    @Test
    void secretsAreMaskedEverywhereAndEncryptedAtRest() throws Exception {
        List<String> bodies = new ArrayList<>();
        Map<String, Object> snowflake = Map.of("account", "your_account", "user", "username", "password",
                SNOWFLAKE_PASSWORD, "warehouse", "COMPUTE_WH", "database", "MY_DB");
        var created = Api.post("/api/connectors", Api.connector("sf secrets", "destination", "snowflake", snowflake))
                .statusCode(201).body("connection_config.password", equalTo("********")).extract();
        bodies.add(created.asString());
        long sf = created.jsonPath().getLong("id");
        var s3 = Api.post("/api/connectors", Api.connector("s3 secrets", "destination", "s3",
                        S3ServerFixture.connectionConfig("dtaas-secrets")))
                .statusCode(201).body("connection_config.aws_secret_access_key", equalTo("********")).extract();
        bodies.add(s3.asString());
        bodies.add(when().get("/api/connectors").then().extract().asString());
        bodies.add(when().get("/api/connectors/" + sf).then().extract().asString());
        bodies.add(Api.put("/api/connectors/" + sf, Map.of("description", "changed",
                "connection_config", Map.of("password", "********"))).statusCode(200).extract().asString());

        for (String body : bodies) {
            assertThat(body).doesNotContain(SNOWFLAKE_PASSWORD).doesNotContain(S3_SECRET);
        }
        String rows = metadataRows();
        assertThat(rows).doesNotContain(SNOWFLAKE_PASSWORD).doesNotContain(S3_SECRET).contains("v1:");
        assertThat(Files.readString(Path.of("target/dtaas-test.log")))
                .doesNotContain(SNOWFLAKE_PASSWORD).doesNotContain(S3_SECRET);
    }

    @Test
    void aMaskedSecretSentBackKeepsTheStoredOneAndANewOneReplacesIt() throws Exception {
        MariaDbFixture.freshDatabase("dtaas_cp_secrets");
        long id = Api.create(Api.connector("maria secrets", "source", "mysql",
                MariaDbFixture.connectionConfig("dtaas_cp_secrets")));
        Map<String, Object> shown = new HashMap<>(when().get("/api/connectors/" + id).then().extract().jsonPath()
                .getMap("connection_config"));
        shown.put("port", MariaDbFixture.PORT);
        Api.put("/api/connectors/" + id, Map.of("connection_config", shown)).statusCode(200);
        when().post("/api/connectors/" + id + "/test").then().body("success", equalTo(true));

        Api.put("/api/connectors/" + id, Map.of("connection_config", Map.of("password", "a-new-wrong-password")))
                .statusCode(200).body("connection_config.password", equalTo("********"));
        when().post("/api/connectors/" + id + "/test").then().body("success", equalTo(false))
                .body("failure", equalTo("authentication"));
        assertThat(metadataRows()).doesNotContain("a-new-wrong-password").doesNotContain(MariaDbFixture.PASSWORD);
    }

    /** Every column of every connector row, as text. */
    private static String metadataRows() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = PostgresFixture.connect(MetadataPostgresResource.DATABASE);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT row_to_json(c)::text FROM connectors c")) {
            while (rs.next()) {
                all.append(rs.getString(1)).append('\n');
            }
        }
        return all.toString();
    }
}
