package io.dtaas.connect.postgres;

import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.Source;
import io.dtaas.connect.jdbc.JdbcConnector;
import io.dtaas.connect.jdbc.JdbcEndpoint;

import java.time.Duration;
import java.util.Set;
import java.util.Optional;

/** PostgreSQL as a source and as a destination. */
public final class PostgresConnector extends JdbcConnector {

    private static final ChangeCapture CHANGE_CAPTURE = new PostgresChangeCapture();

    public static final ConnectorType TYPE = new ConnectorType("postgresql", "PostgreSQL",
            Set.of(Role.SOURCE, Role.DESTINATION), PostgresConfig.FIELDS, true);

    private static final PostgresDialect DIALECT = new PostgresDialect();

    public PostgresConnector() {
        super(TYPE, DIALECT, new PostgresErrors());
    }

    @Override
    protected JdbcEndpoint endpoint(ConfigValues values, String database, Duration timeout) {
        return PostgresConnections.endpoint(PostgresConfig.from(values), database, timeout);
    }

    @Override
    public Source source(ConfigValues values) {
        return new PostgresSource(DIALECT, transferEndpoint(values), jdbcBrowser(values));
    }

    @Override
    public Destination destination(ConfigValues values) {
        return new PostgresDestination(DIALECT, transferEndpoint(values));
    }

    @Override
    protected String label(ConfigValues values) {
        PostgresConfig config = PostgresConfig.from(values);
        return "PostgreSQL at " + config.host() + ":" + config.port() + "/" + config.database();
    }

    @Override
    public Optional<ChangeCapture> changeCapture() {
        return Optional.of(CHANGE_CAPTURE);
    }
}
