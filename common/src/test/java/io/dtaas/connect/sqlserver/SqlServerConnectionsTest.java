package io.dtaas.connect.sqlserver;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.jdbc.DriverManagerWithout;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void theEndpointOpensThroughMicrosoftsDriverItselfNotDriverManager() throws Exception {
        int port = DriverManagerWithout.closedLoopbackPort();
        SqlServerConfig closed = SqlServerConfig.from(ConfigValidator.validate(SqlServerConnector.TYPE, Map.of(
                "host", "127.0.0.1", "port", port, "database", "Sales", "username", "app", "password", "pw"),
                "connection_config"));
        DriverManagerWithout.run("com.microsoft.sqlserver.jdbc.SQLServerDriver", () -> assertThatThrownBy(
                () -> SqlServerConnections.endpoint(closed, null, Duration.ofSeconds(5)).open().close())
                .isInstanceOf(SQLException.class)
                .hasMessageNotContaining("No suitable driver")
                .hasMessageContaining(Integer.toString(port))); // the driver's own refusal names the port
    }
}
