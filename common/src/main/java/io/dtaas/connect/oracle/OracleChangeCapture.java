package io.dtaas.connect.oracle;

import io.dtaas.connect.jdbc.JdbcDriverRegistration;
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
 * Oracle change capture: Debezium's connector with LogMiner on the online catalog (settings and pre-flight are
 * tested at the SQL level; no Oracle runs here, docs/cdc.md).
 */
final class OracleChangeCapture implements ChangeCapture {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public void configure(Properties p, ConfigValues source, CapturePlan plan) {
        // Debezium's Oracle connection looks its driver up by URL in DriverManager
        JdbcDriverRegistration.ensure(new oracle.jdbc.OracleDriver());
        OracleConfig config = OracleConfig.from(source);
        p.setProperty("connector.class", "io.debezium.connector.oracle.OracleConnector");
        CaptureSettings.connection(p, config.host(), config.port(), config.username(), config.password());
        p.setProperty("database.connection.adapter", "logminer");
        p.setProperty("log.mining.strategy", "online_catalog");
        p.setProperty("database.dbname", config.databaseName());
        CaptureSettings.tables(p, plan);
        CaptureSettings.schemaHistoryFile(p, plan);
    }

    @Override
    public PreflightReport preflight(ConfigValues source, String streamId, List<TableRef> tables) {
        return CaptureSettings.preflight(OracleConnections.endpoint(OracleConfig.from(source), CONNECT_TIMEOUT),
                c -> OraclePreflight.evaluate(OraclePreflight.read(c)));
    }

    @Override
    public Optional<String> lostPosition(Throwable error, long taskId, String streamId) {
        // ORA-01291 missing logfile: the archived redo holding the position was deleted
        return LostPosition.saidBy(error, "ora-01291", "missing logfile")
                ? Optional.of(LostPosition.logTruncated(taskId, "archived redo log retention (RMAN deletion policy)"))
                : Optional.empty();
    }
}
