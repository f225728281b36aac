package io.dtaas.connect.snowflake;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.error.ConfigError;
import io.dtaas.secret.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snowflake is verified without a connection (none may leave this machine): settings and driver properties. */
class SnowflakeConnectorTest {

    private static Map<String, Object> seedExample() {
        Map<String, Object> m = new HashMap<>();
        m.put("account", "your_account");
        m.put("user", "username");
        m.put("password", "password");
        m.put("warehouse", "COMPUTE_WH");
        m.put("database", "MY_DB");
        m.put("schema", "PUBLIC");
        m.put("role", "SYSADMIN");
        return m;
    }

    private static SnowflakeConfig config(Map<String, Object> raw) {
        ConfigValues v = ConfigValidator.validate(SnowflakeConnector.TYPE, raw, "connection_config");
        new SnowflakeConnector().validate(v);
        return SnowflakeConfig.from(v);
    }

    @Test
    void seedExampleBuildsDriverPropertiesWithPlatformDetectionOff() {
        SnowflakeConfig config = config(seedExample());
        assertThat(config.host()).isEqualTo("your_account.snowflakecomputing.com");
        Map<String, String> p = SnowflakeConnections.properties(config, null, Duration.ofSeconds(10));
        assertThat(p).containsEntry("disablePlatformDetection", "true")
                .containsEntry("db", "MY_DB").containsEntry("schema", "PUBLIC")
                .containsEntry("warehouse", "COMPUTE_WH").containsEntry("role", "SYSADMIN")
                .containsEntry("loginTimeout", "10")
                .doesNotContainKey("password");
        assertThat(System.getProperty("net.snowflake.jdbc.disablePlatformDetection")).isEqualTo("true");
    }

    @Test
    void keyPairAuthUsesTheJwtAuthenticatorAndThePemBody() {
        Map<String, Object> raw = seedExample();
        raw.remove("password");
        raw.put("private_key", "-----BEGIN PRIVATE KEY-----\nMIIB\nAAAA\n-----END PRIVATE KEY-----\n");
        Map<String, String> p = SnowflakeConnections.properties(config(raw), "OTHER_DB", Duration.ofSeconds(5));
        assertThat(p).containsEntry("authenticator", "SNOWFLAKE_JWT")
                .containsEntry("private_key_base64", "MIIBAAAA")
                .containsEntry("db", "OTHER_DB");
        assertThat(SnowflakeConnections.pemBody(Secret.of("-----BEGIN RSA PRIVATE KEY-----\r\nQUJD\r\n-----END RSA PRIVATE KEY-----")))
                .isEqualTo("QUJD");
    }

    @Test
    void needsAPasswordOrAKeyAndASafeAccount() {
        Map<String, Object> raw = seedExample();
        raw.remove("password");
        assertThatThrownBy(() -> config(raw)).isInstanceOf(ConfigError.class)
                .hasMessage("connection_config.password: is required unless private_key is given");
        Map<String, Object> bad = seedExample();
        bad.put("account", "acct/evil?x=1");
        assertThatThrownBy(() -> config(bad)).hasMessageStartingWith("connection_config.account:");
    }
}
