package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.JdbcDriverRegistration;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.LostPosition;
import io.dtaas.connect.PreflightReport;
import io.dtaas.connect.RetainedLog;
import io.dtaas.connect.SnapshotHandoff;
import io.dtaas.connect.Source;
import io.dtaas.connect.StreamOffset;
import io.dtaas.connect.jdbc.CaptureSettings;
import io.dtaas.data.TableRef;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * MariaDB/MySQL change capture: Debezium's MariaDB binlog connector with a schema history; the handoff reads a
 * binlog position in a consistent snapshot before the load, and the stream starts there.
 */
final class MysqlChangeCapture implements ChangeCapture {

    /** How soon a stream notices a lost server and tries to reconnect. */
    static final long KEEP_ALIVE_MILLIS = 2_000;


    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public void configure(Properties p, ConfigValues source, CapturePlan plan) {
        // Debezium's MariaDB connection looks its driver up by URL in DriverManager
        JdbcDriverRegistration.ensure(new org.mariadb.jdbc.Driver());
        MysqlConfig config = MysqlConfig.from(source);
        p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        CaptureSettings.connection(p, config.host(), config.port(), config.username(), config.password());
        p.setProperty("database.include.list", config.database());
        // the same pins as MysqlConnections: Debezium hands database.* options to the driver
        p.setProperty("database.allowLocalInfile", "false");
        p.setProperty("database.allowMultiQueries", "false");
        p.setProperty("database.permitRedirect", "false");
        // the connector's own TLS setting (same names as the MariaDB driver's sslMode)
        p.setProperty("database.ssl.mode", config.sslMode());
        // the binlog client notices a lost server within seconds (the server's heartbeat comes every 0.8 × this
        // interval) and reconnects as often; the default minute left a restarted source unread that long
        p.setProperty("connect.keep.alive.interval.ms", Long.toString(KEEP_ALIVE_MILLIS));
        p.setProperty("connect.timeout.ms", Long.toString(CONNECT_TIMEOUT.toMillis()));
        CaptureSettings.tables(p, plan);
        // a replication client id of its own; two streams with one id would cut each other off
        p.setProperty("database.server.id", Long.toString(ThreadLocalRandom.current().nextLong(100_000, 4_000_000_000L)));
        CaptureSettings.schemaHistoryFile(p, plan);
    }

    @Override
    public PreflightReport preflight(ConfigValues source, String streamId, List<TableRef> tables) {
        return CaptureSettings.preflight(MysqlConnections.configured(source, CONNECT_TIMEOUT),
                c -> MysqlPreflight.evaluate(MysqlPreflight.read(c)));
    }

    /** From the committed offset's binlog file and the server's binlog list and expiry ({@link MysqlBinlogRetention}). */
    @Override
    public Optional<RetainedLog> retainedLog(ConfigValues source, String streamId, List<StreamOffset> committed) {
        return MysqlBinlogRetention.measure(source, committed, CONNECT_TIMEOUT, java.time.Instant.now());
    }

    @Override
    public Optional<String> lostPosition(Throwable error, long taskId, String streamId) {
        return LostPosition.saidBy(error, "could not find first log file name in binary log index file")
                ? Optional.of(LostPosition.binlogPurged(taskId)) : Optional.empty();
    }

    @Override
    public Optional<String> currentPosition(ConfigValues source) {
        return Optional.of(MysqlPosition.current(source).text());
    }

    /** The binlog stream keeps its position in its own committed offsets, not at the source: compared with those. */
    @Override
    public Optional<Boolean> appliedUpTo(ConfigValues source, String streamId, String position,
                                         Supplier<List<StreamOffset>> committed) {
        MysqlPosition wanted = MysqlPosition.parse(position);
        return committed.get().stream()
                .filter(o -> streamId.equals(o.partition().get("server")))
                .findFirst()
                .flatMap(o -> wanted.reachedBy(o.offset()));
    }

    @Override
    public boolean handsOverLoads() {
        return true;
    }

    @Override
    public SnapshotHandoff beginHandoff(ConfigValues source, String streamId, List<TableRef> tables, Source reader) {
        MariaDbSnapshotPosition start = MariaDbSnapshotPosition.current(source);
        return new SnapshotHandoff() {
            @Override
            public Optional<StreamOffset> loaded() {
                return Optional.of(start.offset(streamId));
            }

            @Override
            public void close() {
                // nothing held: the position is a value
            }
        };
    }

    @Override
    public boolean copiesTablesOnline() {
        return true;
    }

    @Override
    public void prepareSignalTable(ConfigValues source, TableRef table) {
        io.dtaas.connect.jdbc.SignalTables.create(MysqlConnections.configured(source, CONNECT_TIMEOUT), DIALECT, table);
    }

    @Override
    public void signal(ConfigValues source, TableRef table, String id, String type, String data) {
        io.dtaas.connect.jdbc.SignalTables.send(MysqlConnections.configured(source, CONNECT_TIMEOUT), DIALECT, table,
                id, type, data);
    }

    private static final MysqlDialect DIALECT = new MysqlDialect();

    /** The seeded position has no schema history yet: build it from the current schema, then stream from there. */
    @Override
    public Map<String, String> settingsAfterHandoff() {
        return Map.of("snapshot.mode", "recovery");
    }
}
