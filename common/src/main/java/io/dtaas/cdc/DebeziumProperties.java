package io.dtaas.cdc;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.oracle.OracleConfig;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;

import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Debezium engine settings for a source connector's stored settings and a {@link CdcPlan}: the PostgreSQL
 * connector on pgoutput with a slot and publication of the stream's own, or the MariaDB/MySQL binlog
 * connector. Streams start at the current position ({@code snapshot.mode=no_data}) and keep offsets in a file.
 */
public final class DebeziumProperties {

    /** How often an idle stream hears from its source (a heartbeat record). */
    static final long HEARTBEAT_MILLIS = 1_000;
    /** How soon a MariaDB/MySQL stream notices a lost server and tries to reconnect. */
    static final long KEEP_ALIVE_MILLIS = 2_000;
    static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private DebeziumProperties() {
    }

    public static Properties of(String sourceType, ConfigValues source, CdcPlan plan) {
        Properties p = new Properties();
        p.setProperty("name", plan.streamId());
        p.setProperty("topic.prefix", plan.streamId());
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", plan.offsets().toString());
        // offsets are written when a batch is committed downstream, not on a timer
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("max.batch.size", Integer.toString(plan.batchSize()));
        p.setProperty("max.queue.size", Integer.toString(Math.max(plan.batchSize() * 4, 8192)));
        p.setProperty("poll.interval.ms", Long.toString(plan.pollMillis()));
        p.setProperty("include.schema.changes", "false");
        p.setProperty("tombstones.on.delete", "false");
        // heartbeat records while idle: the stream shows it is caught up (lag from now, see StreamMetrics), and
        // PostgreSQL's slot advances while the watched tables are quiet
        p.setProperty("heartbeat.interval.ms", Long.toString(HEARTBEAT_MILLIS));
        // checked host and names: Debezium builds its own JDBC URL from them
        p.setProperty("database.hostname", ServerFields.host(source));
        p.setProperty("database.port", Integer.toString(source.integer("port")));
        p.setProperty("database.user", source.string("username"));
        p.setProperty("database.password", source.has("password") ? source.secret("password").reveal() : "");
        String tables = plan.tables().stream().map(TableRef::toString).collect(Collectors.joining(","));
        switch (sourceType) {
            case "postgresql" -> {
                p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
                p.setProperty("database.dbname", ServerFields.urlSafeName(source, "database"));
                p.setProperty("plugin.name", "pgoutput");
                p.setProperty("slot.name", plan.streamId());
                p.setProperty("publication.name", plan.streamId());
                p.setProperty("publication.autocreate.mode", "filtered");
                p.setProperty("table.include.list", tables);
            }
            case "mysql" -> {
                p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
                p.setProperty("database.include.list", ServerFields.urlSafeName(source, "database"));
                // the same pins as MysqlConnections: Debezium hands database.* options to the driver
                p.setProperty("database.allowLocalInfile", "false");
                p.setProperty("database.allowMultiQueries", "false");
                p.setProperty("database.permitRedirect", "false");
                p.setProperty("table.include.list", tables);
                p.setProperty("database.server.id", Long.toString(ThreadLocalRandom.current().nextLong(100_000, 4_000_000_000L)));
                p.setProperty("database.ssl.mode", "disable");
                // the binlog client notices a lost server within seconds (the server's heartbeat comes every 0.8 ×
                // this interval) and reconnects as often; the default minute left a restarted source unread that long
                p.setProperty("connect.keep.alive.interval.ms", Long.toString(KEEP_ALIVE_MILLIS));
                p.setProperty("connect.timeout.ms", Long.toString(CONNECT_TIMEOUT_MILLIS));
                p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
                p.setProperty("schema.history.internal.file.filename", plan.history().toString());
            }
            // SQL Server and Oracle: settings only, the connector jars are not on the classpath yet (docs/cdc.md)
            case "sql_server" -> {
                p.setProperty("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector");
                p.setProperty("database.names", ServerFields.urlSafeName(source, "database"));
                p.setProperty("database.encrypt", "false");
                p.setProperty("table.include.list", tables);
                p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
                p.setProperty("schema.history.internal.file.filename", plan.history().toString());
            }
            case "oracle" -> {
                p.setProperty("connector.class", "io.debezium.connector.oracle.OracleConnector");
                p.setProperty("database.connection.adapter", "logminer");
                p.setProperty("log.mining.strategy", "online_catalog");
                p.setProperty("database.dbname", OracleConfig.from(source).databaseName());
                p.setProperty("table.include.list", tables);
                p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
                p.setProperty("schema.history.internal.file.filename", plan.history().toString());
            }
            default -> throw new ConfigError("source_connector_id", "change data capture from " + sourceType
                    + " sources is not supported yet; PostgreSQL, MySQL/MariaDB, SQL Server and Oracle are");
        }
        return p;
    }
}
