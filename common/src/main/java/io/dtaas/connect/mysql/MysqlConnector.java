package io.dtaas.connect.mysql;

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

/** MySQL and MariaDB, through the MariaDB driver (faster bulk paths, speaks to both servers). */
public final class MysqlConnector extends JdbcConnector {

    private static final ChangeCapture CHANGE_CAPTURE = new MysqlChangeCapture();

    public static final ConnectorType TYPE = new ConnectorType("mysql", "MySQL / MariaDB",
            Set.of(Role.SOURCE, Role.DESTINATION), MysqlConfig.FIELDS, true);

    private static final MysqlDialect DIALECT = new MysqlDialect();

    public MysqlConnector() {
        super(TYPE, DIALECT, new MysqlErrors());
    }

    @Override
    public Source source(ConfigValues values) {
        java.util.function.Supplier<JdbcEndpoint> transfer = transferEndpoint(values);
        return new MysqlSource(DIALECT, transfer,
                () -> MysqlConnections.chunkReadEndpoint(MysqlConfig.from(values), browserTimeout()), jdbcBrowser(values));
    }

    @Override
    public Destination destination(ConfigValues values) {
        return new MysqlDestination(DIALECT, transferEndpoint(values));
    }

    @Override
    protected JdbcEndpoint endpoint(ConfigValues values, String database, Duration timeout) {
        return MysqlConnections.endpoint(MysqlConfig.from(values), database, timeout);
    }

    @Override
    protected String label(ConfigValues values) {
        MysqlConfig config = MysqlConfig.from(values);
        return "MySQL at " + config.host() + ":" + config.port() + "/" + config.database();
    }

    @Override
    public Optional<ChangeCapture> changeCapture() {
        return Optional.of(CHANGE_CAPTURE);
    }
}
