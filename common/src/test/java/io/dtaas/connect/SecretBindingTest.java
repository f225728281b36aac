package io.dtaas.connect;

import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.connect.s3.S3Connector;
import io.dtaas.error.FieldProblem;
import io.dtaas.secret.Secret;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretBindingTest {

    private static final Map<String, Object> STORED_PG = Map.of("host", "db.internal", "port", 5432,
            "database", "sales", "username", "app", "password", "s3cret");

    private static List<FieldProblem> pg(Map<String, Object> changes) {
        return SecretBinding.check(PostgresConnector.TYPE, STORED_PG, changes, "connection_config");
    }

    private static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aMaskedOrOmittedSecretWithAnotherEndpointIsRefusedNamingTheSecret() {
        assertThat(pg(with("host", "evil.example", "password", Secret.MASK))).singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("connection_config.password");
                    assertThat(p.message()).startsWith("must be given again because host changed");
                });
        assertThat(pg(with("port", 6543))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("must be given again because port changed"));
        assertThat(pg(with("host", "evil", "port", 1, "sslmode", "disable"))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("must be given again because host, port and sslmode changed"));
    }

    @Test
    void theSameEndpointOrANewSecretPasses() {
        assertThat(pg(with("host", "db.internal", "port", 5432L, "password", Secret.MASK, "database", "other",
                "username", "someone"))).isEmpty();
        assertThat(pg(with("host", " db.internal ", "sslmode", "prefer"))).as("defaults and trimming").isEmpty();
        assertThat(pg(with("host", "elsewhere", "password", "typed-again"))).isEmpty();
        assertThat(pg(with("host", "elsewhere", "password", null))).as("a removed secret goes nowhere").isEmpty();
    }

    @Test
    void removingAnEndpointFieldBackToItsDefaultIsAChange() {
        Map<String, Object> stored = new HashMap<>(STORED_PG);
        stored.put("port", 6432);
        assertThat(SecretBinding.check(PostgresConnector.TYPE, stored, with("port", null), "connection_config"))
                .hasSize(1);
    }

    @Test
    void everyStoredSecretIsBoundOnItsOwn() {
        Map<String, Object> stored = Map.of("bucket_name", "data", "aws_access_key_id", "AK",
                "aws_secret_access_key", "SK", "aws_session_token", "TOKEN", "endpoint_url", "http://s3.internal:9000");
        List<FieldProblem> problems = SecretBinding.check(S3Connector.TYPE, stored,
                with("endpoint_url", "http://127.0.0.1:1", "aws_secret_access_key", "SK-again"), "connection_config");
        assertThat(problems).extracting(FieldProblem::field).containsExactly("connection_config.aws_session_token");
        assertThat(SecretBinding.check(S3Connector.TYPE, stored, with("bucket_name", "other"), "connection_config"))
                .extracting(FieldProblem::field).containsExactlyInAnyOrder("connection_config.aws_secret_access_key",
                        "connection_config.aws_session_token");
        assertThat(SecretBinding.check(S3Connector.TYPE, stored, with("prefix", "x/"), "connection_config")).isEmpty();
    }

    @Test
    void eachTypeDeclaresItsEndpoint() {
        assertThat(PostgresConnector.TYPE.endpointFields()).extracting(FieldSpec::name)
                .containsExactlyInAnyOrder("host", "port", "sslmode");
        assertThat(MysqlConnector.TYPE.endpointFields()).extracting(FieldSpec::name)
                .containsExactlyInAnyOrder("host", "port", "ssl_mode");
        assertThat(S3Connector.TYPE.endpointFields()).extracting(FieldSpec::name)
                .containsExactlyInAnyOrder("endpoint_url", "bucket_name", "path_style");
        for (ConnectorType type : StandardConnectors.registry().types()) {
            if (!type.secretFields().isEmpty()) {
                assertThat(type.endpointFields()).as(type.id() + " has secrets, so it declares where they go")
                        .isNotEmpty();
            }
        }
    }
}
