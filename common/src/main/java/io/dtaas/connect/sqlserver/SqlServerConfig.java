package io.dtaas.connect.sqlserver;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.secret.Secret;

import java.util.List;

/**
 * Validated settings of a SQL Server connection. {@code driver} is accepted for compatibility with ODBC-style
 * settings (the seed's examples name an ODBC driver) and ignored: DTaaS uses Microsoft's JDBC driver.
 */
public record SqlServerConfig(String host, int port, String database, String username, Secret password,
                              boolean encrypt, boolean trustServerCertificate) {

    static final List<FieldSpec> FIELDS = List.of(
            ServerFields.host(),
            FieldSpec.port(1433),
            ServerFields.database(true),
            ServerFields.username(),
            ServerFields.password(),
            // how the server's identity is checked is part of the endpoint: a downgrade would expose the password
            FieldSpec.bool("encrypt", "Encrypt", true, "Use TLS to the server").asEndpoint(),
            FieldSpec.bool("trust_server_certificate", "Trust server certificate", false,
                    "Accept the server's certificate without validation (self-signed servers)").asEndpoint(),
            FieldSpec.string("driver", "ODBC driver (ignored)", false,
                    "Accepted for compatibility with ODBC settings; DTaaS uses the JDBC driver"));

    public static SqlServerConfig from(ConfigValues config) {
        return new SqlServerConfig(ServerFields.host(config), config.integer("port"), config.string("database"),
                config.string("username"), config.secret("password"), config.bool("encrypt"),
                config.bool("trust_server_certificate"));
    }

    @Override
    public String toString() {
        return "SqlServerConfig[" + username + "@" + host + ":" + port + "/" + database + "]";
    }
}
