package io.dtaas.connect.sqlserver;

import io.dtaas.connect.ConfigValidator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** What Microsoft's driver is given, checked without a server (none runs here). */
class SqlServerConnectionsTest {

    @Test
    void theDatabaseIsAPropertyAndTheIdentityOptionsArePinned() {
        SqlServerConfig config = SqlServerConfig.from(ConfigValidator.validate(SqlServerConnector.TYPE, Map.of(
                "host", "sql.example.com", "database", "Sales;integratedSecurity=true;trustStore=/etc/passwd",
                "username", "app", "password", "pw"), "connection_config"));
        Properties p = SqlServerConnections.properties(config, null, Duration.ofSeconds(5));
        assertThat(p.getProperty("databaseName")).isEqualTo("Sales;integratedSecurity=true;trustStore=/etc/passwd");
        assertThat(p.getProperty("integratedSecurity")).isEqualTo("false");
        assertThat(p.getProperty("authentication")).isEqualTo("NotSpecified");
        assertThat(p.stringPropertyNames()).noneMatch(k -> SqlServerConnections.PINNED.forbidden().contains(k));
        assertThat(SqlServerConnections.endpoint(config, "Other", Duration.ofSeconds(5)).toString())
                .isEqualTo("JdbcEndpoint[sqlserver://sql.example.com:1433/Other]").doesNotContain("pw");
    }
}
