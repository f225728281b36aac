package io.dtaas.connect.oracle;

import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.jdbc.DirectDriver;
import io.dtaas.connect.jdbc.DriverOptions;
import io.dtaas.connect.jdbc.JdbcEndpoint;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The one place DTaaS builds Oracle connections. The thin driver needs host, port and the service name or SID in
 * its URL ({@code @//host:port/service} or {@code @host:port:SID}); all three are checked to plain names by
 * {@link OracleConfig} (no {@code ?}, {@code (}, {@code @}, {@code :} or {@code /}, so neither EZConnect Plus
 * parameters, a TNS descriptor nor a {@code config-file://} provider can be written). The {@link #PINNED}
 * options are applied last.
 */
public final class OracleConnections {

    /** Called directly, not through DriverManager (see {@link DirectDriver}). */
    private static final DirectDriver DRIVER = new DirectDriver(oracle.jdbc.OracleDriver::new);

    /**
     * ojdbc 23 options that read wallets, key or trust stores, tnsnames, OCI/Azure configuration or token files,
     * load configuration providers, or authenticate with the DTaaS host's identity: forbidden.
     */
    static final DriverOptions PINNED = new DriverOptions(Map.of(),
            Set.of("javax.net.ssl.*", "oracle.jdbc.provider.*", "oracle.net.ldap.*", "oracle.jdbc.accessToken",
                    "oracle.jdbc.config.file", "oracle.jdbc.configurationProviders", "oracle.jdbc.enableProviderOverride",
                    "oracle.jdbc.ociConfigFile", "oracle.jdbc.ociIamUrl", "oracle.jdbc.ociProfile",
                    "oracle.jdbc.ons.walletfile", "oracle.jdbc.ons.walletpassword", "oracle.jdbc.sqlErrorTranslationFile",
                    "oracle.jdbc.sqlTranslationProfile", "oracle.jdbc.tokenAuthentication", "oracle.jdbc.tokenLocation",
                    "oracle.jdbc.DRCPPLSQLCallback", "oracle.net.authentication_services", "oracle.net.profile",
                    "oracle.net.seps_wallet_location", "oracle.net.seps_wallet_password", "oracle.net.tns_admin",
                    "oracle.net.wallet_location", "oracle.net.wallet_password"));

    private OracleConnections() {
    }

    static JdbcEndpoint endpoint(OracleConfig config, Duration timeout) {
        String url = config.url();
        Properties p = properties(config, timeout);
        String address = "oracle://" + config.host() + ":" + config.port() + "/" + config.databaseName();
        return new JdbcEndpoint(address, () -> DRIVER.connect(url, (Properties) p.clone()));
    }

    /** The driver properties, pins applied; package-visible so tests can check them without connecting. */
    static Properties properties(OracleConfig config, Duration timeout) {
        Properties p = new Properties();
        p.setProperty("user", config.username());
        if (config.password() != null) {
            p.setProperty("password", config.password().reveal());
        }
        p.setProperty("oracle.net.CONNECT_TIMEOUT", Long.toString(Math.max(1, timeout.toMillis())));
        p.setProperty("oracle.jdbc.ReadTimeout", Integer.toString((QueryLimits.MAX_TIMEOUT_SECONDS + 30) * 1000));
        p.setProperty("v$session.program", "dtaas");
        return PINNED.applyTo(p);
    }
}
