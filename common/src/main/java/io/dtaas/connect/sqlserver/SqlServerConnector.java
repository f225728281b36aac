package io.dtaas.connect.sqlserver;

import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Role;
import io.dtaas.connect.Source;
import io.dtaas.connect.jdbc.JdbcConnector;
import io.dtaas.connect.jdbc.JdbcEndpoint;

import java.time.Duration;
import java.util.Set;
import java.util.Optional;

/** SQL Server as a source, through Microsoft's JDBC driver. */
public final class SqlServerConnector extends JdbcConnector {

    private static final ChangeCapture CHANGE_CAPTURE = new SqlServerChangeCapture();

    public static final ConnectorType TYPE = new ConnectorType("sql_server", "SQL Server",
            Set.of(Role.SOURCE), SqlServerConfig.FIELDS, true);

    private static final SqlServerDialect DIALECT = new SqlServerDialect();

    public SqlServerConnector() {
        super(TYPE, DIALECT, new SqlServerErrors());
    }

    @Override
    public Source source(ConfigValues values) {
        return new SqlServerSource(DIALECT, transferEndpoint(values), jdbcBrowser(values));
    }

    @Override
    protected JdbcEndpoint endpoint(ConfigValues values, String database, Duration timeout) {
        return SqlServerConnections.endpoint(SqlServerConfig.from(values), database, timeout);
    }

    @Override
    protected String label(ConfigValues values) {
        SqlServerConfig config = SqlServerConfig.from(values);
        return "SQL Server at " + config.host() + ":" + config.port() + "/" + config.database();
    }

    @Override
    public Optional<ChangeCapture> changeCapture() {
        return Optional.of(CHANGE_CAPTURE);
    }
}
