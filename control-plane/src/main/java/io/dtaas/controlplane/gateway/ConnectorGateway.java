package io.dtaas.controlplane.gateway;

import io.dtaas.connect.CaptureCleanup;
import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.variables.VariableValue;

import java.time.Duration;
import io.dtaas.data.Batch;
import io.dtaas.data.TableSchema;

/**
 * The control-plane's only way to reach customer systems. Standalone mode calls the connectors in-process;
 * distributed mode runs these short jobs on transfer-workers (request/reply), so a control-plane needs no
 * network path to customer databases.
 */
public interface ConnectorGateway {

    /** Tests a connection; failures are answers, not exceptions. */
    CheckResult check(Connector connector, ConfigValues config);

    /** A browser over the connector's database; each call on it is one round trip. */
    CatalogBrowser browser(Connector connector, ConfigValues config);

    /**
     * Runs one read-only statement that must answer one value (a db_query variable), giving up after
     * {@code timeout}.
     *
     * @throws io.dtaas.error.ConfigError   naming {@code sql} when it fails or answers anything but one value
     * @throws io.dtaas.error.TransientError when the database cannot be reached
     */
    VariableValue queryValue(Connector connector, ConfigValues config, String sql, Duration timeout);

    /**
     * A source table's schema as a full load reads it: {@code table} is {@code name} (the default schema) or
     * {@code schema.name}; with a {@code query} (the task's custom SELECT for it), the query's result shape.
     *
     * @throws io.dtaas.error.NotFoundError when the table does not exist
     * @throws io.dtaas.error.ConfigError   when the connector cannot be read from or the query is refused
     */
    TableSchema describe(Connector connector, ConfigValues config, String table, String query);

    /**
     * A source table's schema and its first {@code limit} rows, typed as a full load reads them (values as
     * {@link io.dtaas.data.ColumnKind} documents), for transformation previews.
     *
     * @throws io.dtaas.error.NotFoundError when the table does not exist
     */
    Batch preview(Connector connector, ConfigValues config, String table, int limit);

    /**
     * The tables a task's selectors pick in a source, qualified with their namespace (patterns expanded).
     *
     * @throws io.dtaas.error.ConfigError naming {@code config.tables[i]} when a pattern matches nothing
     */
    io.dtaas.engine.TargetPreview.Selection selectTables(Connector connector, ConfigValues config,
                                                          java.util.List<String> tables, java.util.List<String> exclude);

    /** Where the selected tables land in a destination (the rule a run applies), for the task builder. */
    java.util.List<io.dtaas.engine.TargetPreview.Target> locateTables(Connector connector, ConfigValues config,
                                                                      String targetSchema,
                                                                      io.dtaas.engine.TargetPreview.Selection selection);

    /**
     * The change-capture pre-flight a cdc run starts with (wal_level, replication role, binlog settings): the
     * problems found, empty when the source is ready.
     *
     * @throws io.dtaas.error.TransientError when the source cannot be reached
     */
    java.util.List<String> changeCapturePreflight(Connector connector, ConfigValues config,
                                                  java.util.List<io.dtaas.data.TableRef> tables);

    /**
     * What the source keeps of its log for a task's stream (PostgreSQL: the slot's retained WAL, wal_status,
     * safe_wal_size; MariaDB/MySQL: the binlog files from the stored offset's on, against the server's expiry);
     * empty when the source type cannot tell. Runs where the task's committed offsets live (standalone: here; in
     * distributed mode: a worker, which reads them in Redis).
     *
     * @throws io.dtaas.error.TransientError when the source cannot be reached
     */
    java.util.Optional<io.dtaas.connect.RetainedLog> retainedLog(Connector connector, ConfigValues config, long taskId);

    /**
     * Drops what a task's change capture owns on the source (the PostgreSQL slot and publication named
     * {@code streamId}); an unreachable source is an answer (what is left to drop by hand), not an exception.
     * Until a worker-side operation exists, other modes drop nothing and return the manual steps.
     */
    default CaptureCleanup dropChangeCapture(Connector connector, ConfigValues config, String streamId) {
        return connector.changeCapture().map(c -> new CaptureCleanup(java.util.List.of(), c.manualCleanup(streamId)))
                .orElse(CaptureCleanup.NOTHING);
    }
}
