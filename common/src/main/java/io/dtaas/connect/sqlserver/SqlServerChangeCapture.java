package io.dtaas.connect.sqlserver;

import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.LostPosition;
import io.dtaas.connect.PreflightReport;
import io.dtaas.connect.jdbc.CaptureSettings;
import io.dtaas.data.TableRef;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * SQL Server change capture: Debezium's connector on SQL Server's CDC change tables (settings and pre-flight are
 * tested at the SQL level; no SQL Server runs here, docs/cdc.md).
 */
final class SqlServerChangeCapture implements ChangeCapture {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public void configure(Properties p, ConfigValues source, CapturePlan plan) {
        SqlServerConfig config = SqlServerConfig.from(source);
        p.setProperty("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector");
        CaptureSettings.connection(p, config.host(), config.port(), config.username(), config.password());
        p.setProperty("database.names", config.database());
        // the connector's own TLS settings, handed to the driver as for every other connection
        p.setProperty("database.encrypt", Boolean.toString(config.encrypt()));
        p.setProperty("database.trustServerCertificate", Boolean.toString(config.trustServerCertificate()));
        CaptureSettings.tables(p, plan);
        CaptureSettings.schemaHistoryFile(p, plan);
    }

    @Override
    public PreflightReport preflight(ConfigValues source, String streamId, List<TableRef> tables) {
        return CaptureSettings.preflight(SqlServerConnections.endpoint(SqlServerConfig.from(source), null,
                CONNECT_TIMEOUT), c -> SqlServerPreflight.evaluate(SqlServerPreflight.read(c), tables));
    }

    @Override
    public Optional<String> lostPosition(Throwable error, long taskId, String streamId) {
        // an LSN older than the change tables' retention: the cleanup job removed what the stream needed
        return LostPosition.saidBy(error, "is not available in the cdc tables", "no longer available")
                ? Optional.of(LostPosition.logTruncated(taskId, "the CDC change tables' retention (sys.sp_cdc_change_job"
                        + " @retention)")) : Optional.empty();
    }
}
