package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.testing.RotatedKeyProfile;
import io.dtaas.secret.SecretCipher;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * DTAAS_SECRET_KEY rotation through the real metadata database: started with a new key and the old one as
 * previous, the control-plane re-sealed every secret it could read under the new key, kept the one it could not,
 * and every re-sealed connector still connects.
 */
@QuarkusTest
@TestProfile(RotatedKeyProfile.class)
class SecretRotationIT {

    private static final String NEW_ID = SecretCipher.fromBase64(RotatedKeyProfile.NEW_KEY).keyId();
    private static final String OLD_ID = SecretCipher.fromBase64(RotatedKeyProfile.OLD_KEY).keyId();
    private static final String LOST_ID = SecretCipher.fromBase64(RotatedKeyProfile.LOST_KEY).keyId();

    @Inject
    SecretRotation rotation;

    @Test
    void startingWithANewKeyResealsEverySecretUnderIt() throws Exception {
        assertThat(sealed("sealed under the old key")).startsWith("v1:" + NEW_ID + ":");
        assertThat(sealed("sealed under the new key")).startsWith("v1:" + NEW_ID + ":");
        assertThat(sealed("sealed under a lost key")).startsWith("v1:" + LOST_ID + ":");
        assertThat(sealed("without secrets")).isNull();
        assertThat(SecretCipher.fromBase64(RotatedKeyProfile.NEW_KEY).decrypt(sealed("sealed under the old key")))
                .contains(MariaDbFixture.PASSWORD);

        for (String name : new String[]{"sealed under the old key", "sealed under the new key"}) {
            when().post("/api/connectors/" + id(name) + "/test").then().statusCode(200).body("success", equalTo(true));
        }
        when().post("/api/connectors/" + id("sealed under a lost key") + "/test").then().statusCode(500);

        String log = Files.readString(Path.of("target/dtaas-test.log"));
        assertThat(log).contains("re-sealed 1 connector secret(s) under master key " + NEW_ID + " (1 already under it;"
                        + " previous keys accepted: " + OLD_ID + ")")
                .contains("connector " + id("sealed under a lost key") + " (key " + LOST_ID + ")")
                .doesNotContain(MariaDbFixture.PASSWORD).doesNotContain(RotatedKeyProfile.OLD_KEY)
                .doesNotContain(RotatedKeyProfile.NEW_KEY);
    }

    @Test
    void aSecondPassFindsNothingLeftToReseal() throws Exception {
        SecretRotation.Outcome again = rotation.resealAll();
        assertThat(again.resealed()).isZero();
        assertThat(again.alreadyCurrent()).isEqualTo(2);
        assertThat(again.unreadable()).singleElement().asString().contains(LOST_ID);
        when().get("/api/connectors/" + id("sealed under the old key")).then()
                .body("connection_config.password", equalTo("********"))
                .body("connection_config.host", containsString(MariaDbFixture.HOST));
    }

    private static String sealed(String name) throws Exception {
        return text("SELECT secret_config FROM connectors WHERE name = ?", name);
    }

    private static long id(String name) throws Exception {
        return Long.parseLong(text("SELECT id::text FROM connectors WHERE name = ?", name));
    }

    private static String text(String sql, String param) throws Exception {
        try (Connection c = PostgresFixture.connect(RotatedKeyProfile.DATABASE); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
