package io.dtaas.connect;

import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValidatorTest {

    private static final ConnectorType PG = PostgresConnector.TYPE;

    private static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "db.example.com");
        m.put("database", "shop");
        m.put("username", "app");
        m.put("password", "pw");
        return m;
    }

    @Test
    void appliesDefaultsAndKeepsSecretsOutOfPlainAccess() {
        ConfigValues v = ConfigValidator.validate(PG, valid(), "connection_config");
        assertThat(v.integer("port")).isEqualTo(5432);
        assertThat(v.string("sslmode")).isEqualTo("prefer");
        assertThat(v.secret("password").reveal()).isEqualTo("pw");
        assertThat(v.secret("password").toString()).isEqualTo("[hidden]");
        assertThatThrownBy(() -> v.string("password")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        Map<String, Object> m = valid();
        m.remove("host");
        m.put("port", "5432x");
        m.put("sslmode", "sometimes");
        m.put("hots", "typo");
        assertThatThrownBy(() -> ConfigValidator.validate(PG, m, "connection_config"))
                .isInstanceOfSatisfying(ConfigError.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("connection_config.host", "connection_config.port",
                                "connection_config.sslmode", "connection_config.hots"));
    }

    @Test
    void rejectsAStringPortAndAnOutOfRangePort() {
        Map<String, Object> m = valid();
        m.put("port", "5432");
        assertThatThrownBy(() -> ConfigValidator.validate(PG, m, "connection_config"))
                .hasMessage("connection_config.port: must be an integer");
        m.put("port", 70000);
        assertThatThrownBy(() -> ConfigValidator.validate(PG, m, "connection_config"))
                .hasMessage("connection_config.port: must be between 1 and 65535");
    }

    @Test
    void rejectsOverlongStrings() {
        Map<String, Object> m = valid();
        m.put("host", "h".repeat(ConfigValidator.MAX_STRING_LENGTH + 1));
        assertThatThrownBy(() -> ConfigValidator.validate(PG, m, "connection_config"))
                .hasMessageContaining("connection_config.host: must be at most");
    }

    @Test
    void registryNamesTheTypeFieldForUnknownOrWrongRoleTypes() {
        ConnectorRegistry registry = StandardConnectors.registry();
        assertThatThrownBy(() -> registry.require(Role.SOURCE, "mongodb"))
                .hasMessageStartingWith("source_type: unknown source type 'mongodb'; expected one of [postgresql, mysql, sql_server, oracle]");
        assertThatThrownBy(() -> registry.require(Role.SOURCE, "s3"))
                .hasMessageStartingWith("source_type: unknown source type 's3'");
        assertThat(registry.require(Role.DESTINATION, "s3").type().id()).isEqualTo("s3");
        assertThat(registry.idsFor(Role.DESTINATION))
                .containsExactly("postgresql", "mysql", "snowflake", "s3", "local_files");
    }

    @Test
    void connectorsRejectHostsThatWouldSmuggleUrlParameters() {
        Map<String, Object> m = valid();
        m.put("host", "db?socketFactory=evil");
        ConfigValues v = ConfigValidator.validate(PG, m, "connection_config");
        assertThatThrownBy(() -> new PostgresConnector().validate(v))
                .hasMessage("connection_config.host: must be a host name or IP address (no scheme, port, path, user or spaces)");
    }
}
