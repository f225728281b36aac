package io.dtaas.connect.sqlserver;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.Connector;
import io.dtaas.connect.oracle.OracleConnector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL Server and Oracle have no server on this machine: these tests make a real driver attempt against a
 * closed loopback port and check it fails fast as "unreachable". Their SQL is covered in DialectTest.
 */
class UnreachableDriversIT {

    private static CheckResult check(Connector connector, Map<String, Object> raw) {
        var values = ConfigValidator.validate(connector.type(), raw, "connection_config");
        connector.validate(values);
        return connector.check(values, Duration.ofSeconds(3));
    }

    @Test
    void sqlServerDriverReportsAClosedPortAsUnreachable() {
        CheckResult result = check(new SqlServerConnector(), Map.of("host", "127.0.0.1", "port", 1,
                "database", "MyDB", "username", "sa", "password", "SecurePassword123!",
                "driver", "ODBC Driver 17 for SQL Server"));
        assertThat(result.success()).isFalse();
        assertThat(result.failure()).as(result.message()).isEqualTo(Failure.UNREACHABLE);
        assertThat(result.message()).doesNotContain("SecurePassword123!");
    }

    @Test
    void oracleDriverReportsAClosedPortAsUnreachable() {
        CheckResult result = check(new OracleConnector(), Map.of("host", "127.0.0.1", "port", 1,
                "service_name", "ORCL", "username", "system", "password", "password",
                "connection_type", "service_name"));
        assertThat(result.success()).isFalse();
        assertThat(result.failure()).as(result.message()).isEqualTo(Failure.UNREACHABLE);
    }
}
