package io.dtaas.connect.postgres;

import io.dtaas.connect.ConfigValidator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** What pgjdbc is given, checked without connecting; PostgresConnectionsIT connects. */
class PostgresConnectionsTest {

    private static PostgresConfig config(Map<String, Object> extra) {
        Map<String, Object> raw = new HashMap<>(Map.of("host", "db.example.com", "port", 6432, "database", "sales",
                "username", "app", "password", "pw"));
        raw.putAll(extra);
        return PostgresConfig.from(ConfigValidator.validate(PostgresConnector.TYPE, raw, "connection_config"));
    }

    @Test
    void hostPortAndDatabaseAreProperties() {
        Properties p = PostgresConnections.properties(config(Map.of()), "q?socketFactory=x&sslfactory=y",
                Duration.ofSeconds(5));
        assertThat(PostgresConnections.URL).isEqualTo("jdbc:postgresql://");
        assertThat(p.getProperty("PGHOST")).isEqualTo("db.example.com");
        assertThat(p.getProperty("PGPORT")).isEqualTo("6432");
        assertThat(p.getProperty("PGDBNAME")).isEqualTo("q?socketFactory=x&sslfactory=y");
        assertThat(p.stringPropertyNames()).doesNotContain("socketFactory", "sslfactory")
                .allMatch(k -> PostgresConnections.PINNED.pinned().containsKey(k)
                        || !PostgresConnections.PINNED.forbidden().contains(k));
        assertThat(p.getProperty("gssEncMode")).isEqualTo("disable");
    }

    @Test
    void aPasswordIsAlwaysSetSoPgpassIsNeverRead() {
        Properties p = PostgresConnections.properties(config(Map.of("password", "")), null, Duration.ofSeconds(5));
        assertThat(p.getProperty("password")).isEmpty();
        assertThat(p.getProperty("PGDBNAME")).isEqualTo("sales");
    }
}
