package io.dtaas.connect.oracle;

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

/** Oracle as a source, through the thin JDBC driver. */
public final class OracleConnector extends JdbcConnector {

    private static final ChangeCapture CHANGE_CAPTURE = new OracleChangeCapture();

    public static final ConnectorType TYPE = new ConnectorType("oracle", "Oracle",
            Set.of(Role.SOURCE), OracleConfig.FIELDS, true);

    private static final OracleDialect DIALECT = new OracleDialect();

    public OracleConnector() {
        super(TYPE, DIALECT, new OracleErrors());
    }

    @Override
    public Source source(ConfigValues values) {
        return new OracleSource(DIALECT, transferEndpoint(values), jdbcBrowser(values));
    }

    @Override
    protected JdbcEndpoint endpoint(ConfigValues values, String database, Duration timeout) {
        // an Oracle connection reaches one service: there is no other database to switch to
        return OracleConnections.endpoint(OracleConfig.from(values), timeout);
    }

    @Override
    protected String label(ConfigValues values) {
        OracleConfig config = OracleConfig.from(values);
        return "Oracle at " + config.host() + ":" + config.port() + "/" + config.databaseName();
    }

    @Override
    public Optional<ChangeCapture> changeCapture() {
        return Optional.of(CHANGE_CAPTURE);
    }
}
