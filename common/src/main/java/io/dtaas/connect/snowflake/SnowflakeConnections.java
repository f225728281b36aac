package io.dtaas.connect.snowflake;

import io.dtaas.connect.jdbc.DirectDriver;
import io.dtaas.connect.jdbc.DriverOptions;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.secret.Secret;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The one place DTaaS builds Snowflake connections. The URL holds only the checked host ({@code
 * <account>.snowflakecomputing.com} or the checked override); account, database, schema, warehouse, role and
 * credentials go in properties, and the {@link #PINNED} options are applied last.
 */
public final class SnowflakeConnections {

    /** Called directly, not through DriverManager (see {@link DirectDriver}). */
    private static final DirectDriver DRIVER = new DirectDriver(net.snowflake.client.jdbc.SnowflakeDriver::new);

    static {
        // The driver probes cloud metadata addresses to detect its platform; DTaaS never wants that traffic.
        System.setProperty("net.snowflake.jdbc.disablePlatformDetection", "true");
    }

    /**
     * Snowflake JDBC 3.x options that read a key or configuration file, route through a proxy, cache credentials
     * on the DTaaS host, log or trace to files, or weaken certificate checks: forbidden; platform detection (which
     * probes cloud metadata addresses) and telemetry stay off.
     */
    static final DriverOptions PINNED = new DriverOptions(
            Map.of("disablePlatformDetection", "true", "CLIENT_TELEMETRY_ENABLED", "false",
                    "CLIENT_STORE_TEMPORARY_CREDENTIAL", "false", "CLIENT_REQUEST_MFA_TOKEN", "false",
                    "useProxy", "false", "insecureMode", "false", "disableOCSPChecks", "false"),
            Set.of("private_key_file", "private_key_file_pwd", "private_key_pwd", "privateKey", "CLIENT_CONFIG_FILE",
                    "proxyHost", "proxyPort", "proxyUser", "proxyPassword", "proxyProtocol", "nonProxyHosts",
                    "tracing", "tmpDirectory", "JAVA_LOGGING_CONSOLE_STD_OUT", "JAVA_LOGGING_CONSOLE_STD_OUT_THRESHOLD",
                    "net.snowflake.jdbc.temporaryCredentialCacheDir", "token", "passcode", "passcodeInPassword",
                    "oauthClientId", "oauthClientSecret", "oauthAuthorizationUrl", "oauthTokenRequestUrl",
                    "oauthRedirectUri", "workloadIdentityProvider", "browserResponseTimeout"));

    private SnowflakeConnections() {
    }

    static JdbcEndpoint endpoint(SnowflakeConfig config, String database, Duration timeout) {
        String url = "jdbc:snowflake://" + config.host() + "/";
        Properties p = new Properties();
        p.putAll(properties(config, database, timeout));
        p.setProperty("user", config.user());
        if (config.password() != null) {
            p.setProperty("password", config.password().reveal());
        }
        PINNED.applyTo(p);
        String address = "snowflake://" + config.host() + "/" + p.getProperty("db");
        return new JdbcEndpoint(address, () -> DRIVER.connect(url, (Properties) p.clone()));
    }

    /** Driver properties without credentials, pins applied; package-visible so tests can check them offline. */
    static Map<String, String> properties(SnowflakeConfig config, String database, Duration timeout) {
        Properties p = new Properties();
        p.setProperty("account", config.account());
        p.setProperty("db", database == null ? config.database() : database);
        p.setProperty("schema", config.schema());
        putIfPresent(p, "warehouse", config.warehouse());
        putIfPresent(p, "role", config.role());
        p.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        p.setProperty("application", "dtaas");
        if (config.privateKey() != null) {
            p.setProperty("authenticator", "SNOWFLAKE_JWT");
            p.setProperty("private_key_base64", pemBody(config.privateKey()));
        } else {
            p.setProperty("authenticator", "snowflake");
        }
        PINNED.applyTo(p);
        Map<String, String> out = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static void putIfPresent(Properties p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.setProperty(key, value);
        }
    }

    /** The base64 body of a PEM key, without armour lines or whitespace. */
    static String pemBody(Secret pem) {
        return pem.reveal().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
