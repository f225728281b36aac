package io.dtaas.connect.oracle;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.jdbc.DriverManagerWithout;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The thin driver's URL holds host, port and the service: each checked so it cannot be more than a name. */
class OracleConnectionsTest {

    private static OracleConfig config(String field, String value) {
        Map<String, Object> raw = new HashMap<>(Map.of("host", "ora.example.com", "username", "app", "password", "pw",
                "connection_type", field));
        raw.put(field, value);
        return OracleConfig.from(ConfigValidator.validate(OracleConnector.TYPE, raw, "connection_config"));
    }

    @Test
    void plainServiceNamesAndSidsMakePlainUrls() {
        assertThat(config("service_name", "ORCLPDB1.example.com").url())
                .isEqualTo("jdbc:oracle:thin:@//ora.example.com:1521/ORCLPDB1.example.com");
        assertThat(config("sid", "ORCL").url()).isEqualTo("jdbc:oracle:thin:@ora.example.com:1521:ORCL");
        Properties p = OracleConnections.properties(config("sid", "ORCL"), Duration.ofSeconds(5));
        assertThat(p.stringPropertyNames()).containsExactlyInAnyOrder("user", "password", "oracle.net.CONNECT_TIMEOUT",
                "oracle.jdbc.ReadTimeout", "v$session.program");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ORCL?oracle.net.wallet_location=/tmp", "ORCL(DESCRIPTION=(ADDRESS=(HOST=evil)))",
            "config-file://x", "svc:dedicated", "svc/inst", "@evil", "svc name", "svc&x=1", ".svc"})
    void anythingElseIsRefusedNamingTheField(String service) {
        assertThatThrownBy(() -> config("service_name", service)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("connection_config.service_name:");
    }

    @Test
    void theEndpointOpensThroughOracleDriverItselfNotDriverManager() throws Exception {
        Map<String, Object> raw = new HashMap<>(Map.of("host", "127.0.0.1", "port", DriverManagerWithout.closedLoopbackPort(),
                "username", "app", "password", "pw", "connection_type", "sid", "sid", "ORCL"));
        OracleConfig closed = OracleConfig.from(ConfigValidator.validate(OracleConnector.TYPE, raw, "connection_config"));
        DriverManagerWithout.run("oracle.jdbc.OracleDriver", () -> assertThatThrownBy(
                () -> OracleConnections.endpoint(closed, Duration.ofSeconds(5)).open().close())
                .isInstanceOf(SQLException.class)
                .hasMessageNotContaining("No suitable driver")
                .hasMessageContaining("ORA-")); // the thin driver's own refusal: nothing listens there
    }
}
