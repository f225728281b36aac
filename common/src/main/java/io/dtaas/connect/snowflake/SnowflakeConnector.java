package io.dtaas.connect.snowflake;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.jdbc.JdbcConnector;
import io.dtaas.connect.jdbc.JdbcEndpoint;

import java.time.Duration;
import java.util.Set;

/** Snowflake as a destination, through the Snowflake JDBC driver. */
public final class SnowflakeConnector extends JdbcConnector {

    public static final ConnectorType TYPE = new ConnectorType("snowflake", "Snowflake",
            Set.of(Role.DESTINATION), SnowflakeConfig.FIELDS, true);

    static {
        // as early as DTaaS knows the type: the driver probes cloud metadata addresses unless this is set
        System.setProperty("net.snowflake.jdbc.disablePlatformDetection", "true");
    }

    public SnowflakeConnector() {
        super(TYPE, new SnowflakeDialect(), new SnowflakeErrors());
    }

    @Override
    protected JdbcEndpoint endpoint(ConfigValues values, String database, Duration timeout) {
        return SnowflakeConnections.endpoint(SnowflakeConfig.from(values), database, timeout);
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
