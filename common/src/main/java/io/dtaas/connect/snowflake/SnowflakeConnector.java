package io.dtaas.connect.snowflake;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.jdbc.JdbcConnector;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.secret.Secret;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Snowflake as a destination, through the Snowflake JDBC driver. */
public final class SnowflakeConnector extends JdbcConnector {

    public static final ConnectorType TYPE = new ConnectorType("snowflake", "Snowflake",
            Set.of(Role.DESTINATION), SnowflakeConfig.FIELDS, true);

    static {
        // The driver probes cloud metadata addresses to detect its platform; DTaaS never wants that traffic.
        System.setProperty("net.snowflake.jdbc.disablePlatformDetection", "true");
    }

    public SnowflakeConnector() {
        super(TYPE, new SnowflakeDialect(), new SnowflakeErrors());
    }

    @Override
    protected JdbcEndpoint endpoint(ConfigValues values, String database, Duration timeout) {
        SnowflakeConfig config = SnowflakeConfig.from(values);
        return new JdbcEndpoint("jdbc:snowflake://" + config.host() + "/", properties(config, database, timeout),
                config.user(), config.password());
    }

    /** Driver properties; package-visible so tests can check them without connecting. */
    static Map<String, String> properties(SnowflakeConfig config, String database, Duration timeout) {
        Map<String, String> p = new HashMap<>();
        p.put("account", config.account());
        p.put("db", database == null ? config.database() : database);
        p.put("schema", config.schema());
        putIfPresent(p, "warehouse", config.warehouse());
        putIfPresent(p, "role", config.role());
        p.put("loginTimeout", seconds(timeout));
        p.put("disablePlatformDetection", "true");
        p.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
        p.put("CLIENT_TELEMETRY_ENABLED", "false");
        p.put("application", "dtaas");
        if (config.privateKey() != null) {
            p.put("authenticator", "SNOWFLAKE_JWT");
            p.put("private_key_base64", pemBody(config.privateKey()));
        }
        return p;
    }

    private static void putIfPresent(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(key, value);
        }
    }

    /** The base64 body of a PEM key, without armour lines or whitespace. */
    static String pemBody(Secret pem) {
        return pem.reveal().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    @Override
    public Destination destination(ConfigValues values) {
        return new SnowflakeDestination(transferEndpoint(values));
    }

    @Override
    protected String label(ConfigValues values) {
        SnowflakeConfig config = SnowflakeConfig.from(values);
        return "Snowflake account " + config.account() + " (" + config.database() + ")";
    }
}
