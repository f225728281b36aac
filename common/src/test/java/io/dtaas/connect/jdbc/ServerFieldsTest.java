package io.dtaas.connect.jdbc;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host and stored-name checks that keep connection fields out of URL syntax. */
class ServerFieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"db", "db.example.com", "db.example.com.", "my_db", "db-1", "127.0.0.1", "[::1]",
            "[2001:db8::7]", "[::ffff:127.0.0.1]", "10.0.0.255"})
    void acceptsHostNamesAndIpLiterals(String host) {
        assertThat(ServerFields.host(host, "connection_config.host")).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "db/other", "db?allowLocalInfile=true", "user@db", "user:pw@db", "db:5432",
            "db x", "db,other", "-db", "db#frag", "db;x=1", "db&x=1", "%3Fx", "dbé", "db\u0000", "db\nx", "::1",
            "[::1]:5432", "[not-ipv6]", "[::1", "http://db", "address=(host=db)", "db..example", ".db"})
    void refusesAnythingElseNamingTheField(String host) {
        assertThatThrownBy(() -> ServerFields.host(host, "connection_config.host")).isInstanceOf(ConfigError.class)
                .satisfies(e -> assertThat(((ConfigError) e).problems().get(0).field()).isEqualTo("connection_config.host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sec_my?allowMultiQueries=true", "x&allowLocalInfile=true", "db;x=1", "db/other",
            "db#frag", "db%3F", "db name", "db'x", "db\"x", "db\\x", "db\u0007"})
    void storedDatabaseNamesCannotCarryUrlSyntax(String database) {
        Map<String, Object> raw = new HashMap<>(Map.of("host", "db", "database", database, "username", "u"));
        var values = ConfigValidator.validate(PostgresConnector.TYPE, raw, "connection_config");
        assertThatThrownBy(() -> ServerFields.urlSafeName(values, "database")).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("connection_config.database:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales", "Sales-2024", "données", "db.with.dots", "db@x", "db:1"})
    void storedDatabaseNamesMayBeUnusualOtherwise(String database) {
        Map<String, Object> raw = new HashMap<>(Map.of("host", "db", "database", database, "username", "u"));
        var values = ConfigValidator.validate(PostgresConnector.TYPE, raw, "connection_config");
        assertThat(ServerFields.urlSafeName(values, "database")).isEqualTo(database);
    }
}
