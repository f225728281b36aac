package io.dtaas.connect.sqlserver;

import io.dtaas.connect.jdbc.DirectDriver;
import io.dtaas.connect.jdbc.DriverOptions;
import io.dtaas.connect.jdbc.JdbcEndpoint;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The one place DTaaS builds SQL Server connections. The URL holds only the checked host and the port; the
 * database and every option go in properties (Microsoft's driver gives them precedence and never parses their
 * values), and the {@link #PINNED} options are applied last.
 */
public final class SqlServerConnections {

    /** Called directly, not through DriverManager (see {@link DirectDriver}). */
    private static final DirectDriver DRIVER = new DirectDriver(com.microsoft.sqlserver.jdbc.SQLServerDriver::new);

    /**
     * mssql-jdbc 13 options that load a class (socket factory, trust manager, access-token callback), read a
     * key or trust store or certificate file, use the host's Windows/Kerberos identity, reach a third party
     * (Azure Key Vault, managed identity, enclave attestation) or redirect to a failover partner: forbidden.
     * Authentication stays SQL logins; Always Encrypted stays off.
     */
    static final DriverOptions PINNED = new DriverOptions(
            Map.of("integratedSecurity", "false", "authentication", "NotSpecified",
                    "columnEncryptionSetting", "Disabled"),
            Set.of("socketFactoryClass", "socketFactoryConstructorArg", "trustManagerClass",
                    "trustManagerConstructorArg", "accessToken", "accessTokenCallback", "accessTokenCallbackClass",
                    "trustStore", "trustStorePassword", "trustStoreType", "clientCertificate", "clientKey",
                    "clientKeyPassword", "serverCertificate", "keyStoreAuthentication", "keyStoreLocation",
                    "keyStoreSecret", "keyStorePrincipalId", "keyVaultProviderClientId", "keyVaultProviderClientKey",
                    "jaasConfigurationName", "useDefaultJaasConfig", "useDefaultGSSCredential", "gsscredential",
                    "realm", "serverSpn", "authenticationScheme", "msiClientId", "enclaveAttestationUrl",
                    "enclaveAttestationProtocol", "failoverPartner"));

    private SqlServerConnections() {
    }

    static JdbcEndpoint endpoint(SqlServerConfig config, String database, Duration timeout) {
        String url = "jdbc:sqlserver://" + config.host() + ":" + config.port();
        Properties p = properties(config, database, timeout);
        String address = "sqlserver://" + config.host() + ":" + config.port() + "/" + p.getProperty("databaseName");
        return new JdbcEndpoint(address, () -> DRIVER.connect(url, (Properties) p.clone()));
    }

    /** The driver properties, pins applied; package-visible so tests can check them without connecting. */
    static Properties properties(SqlServerConfig config, String database, Duration timeout) {
        Properties p = new Properties();
        p.setProperty("databaseName", database == null ? config.database() : database);
        p.setProperty("user", config.username());
        if (config.password() != null) {
            p.setProperty("password", config.password().reveal());
        }
        p.setProperty("encrypt", Boolean.toString(config.encrypt()));
        p.setProperty("trustServerCertificate", Boolean.toString(config.trustServerCertificate()));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("applicationName", "dtaas");
        return PINNED.applyTo(p);
    }
}
