package io.dtaas.controlplane.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.dtaas.connect.CaptureCleanup;
import io.dtaas.cluster.BatchWire;
import io.dtaas.cluster.GatewayReply;
import io.dtaas.cluster.GatewayRequest;
import io.dtaas.variables.VariableValueWire;
import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.data.Batch;
import io.dtaas.data.TableSchema;
import io.dtaas.error.TransientError;
import io.dtaas.secret.SecretCipher;
import io.dtaas.variables.VariableValue;
import io.quarkus.redis.datasource.list.KeyValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import io.dtaas.engine.TargetPreview;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Distributed mode: each connector call is a request on the requests stream, answered by whichever worker
 * takes it, so the control-plane never opens a connection to a customer system. Settings travel sealed
 * with the master key; the worker's answer (or its error, of the same kind) comes back on a list of the
 * request's own.
 */
@ApplicationScoped
@Typed(RedisConnectorGateway.class)
public class RedisConnectorGateway implements ConnectorGateway {

    private final ClusterStreams cluster;
    private final SecretCipher cipher;
    private final WorkerDirectory workers;
    private final Duration timeout;

    public RedisConnectorGateway(ClusterStreams cluster, SecretCipher cipher, WorkerDirectory workers,
                                 @ConfigProperty(name = "dtaas.gateway.timeout", defaultValue = "30s") Duration timeout) {
        this.cluster = cluster;
        this.cipher = cipher;
        this.workers = workers;
        this.timeout = timeout;
    }

    @Override
    public CheckResult check(Connector connector, ConfigValues config) {
        long started = System.nanoTime();
        try {
            return call(GatewayRequest.Op.CHECK, connector, config, Map.of(), type(new TypeReference<CheckResult>() { }));
        } catch (TransientError e) {
            return CheckResult.failed(CheckResult.Failure.OTHER, e.getMessage(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Override
    public CatalogBrowser browser(Connector connector, ConfigValues config) {
        return new RemoteBrowser(connector, config);
    }

    @Override
    public VariableValue queryValue(Connector connector, ConfigValues config, String sql, Duration queryTimeout) {
        Map<String, Object> args = new HashMap<>();
        args.put("sql", sql);
        args.put("timeout_seconds", (int) Math.max(1, queryTimeout.toSeconds()));
        VariableValueWire wire = call(GatewayRequest.Op.QUERY_VALUE, connector, config, args,
                type(new TypeReference<VariableValueWire>() { }));
        return wire.value();
    }

    @Override
    public TableSchema describe(Connector connector, ConfigValues config, String table, String query) {
        Map<String, Object> args = new HashMap<>();
        args.put("table", table);
        if (query != null) {
            args.put("query", query);
        }
        return call(GatewayRequest.Op.DESCRIBE, connector, config, args, type(new TypeReference<TableSchema>() { }));
    }

    @Override
    public Batch preview(Connector connector, ConfigValues config, String table, int limit) {
        BatchWire wire = call(GatewayRequest.Op.HEAD, connector, config, Map.of("table", table, "limit", limit),
                type(new TypeReference<BatchWire>() { }));
        return wire.batch();
    }

    @Override
    public TargetPreview.Selection selectTables(Connector connector, ConfigValues config, List<String> tables,
                                                List<String> exclude) {
        return call(GatewayRequest.Op.SELECT_TABLES, connector, config, Map.of("tables", tables, "exclude_tables", exclude),
                type(new TypeReference<TargetPreview.Selection>() { }));
    }

    @Override
    public List<TargetPreview.Target> locateTables(Connector connector, ConfigValues config, String targetSchema,
                                                   TargetPreview.Selection selection) {
        Map<String, Object> args = new HashMap<>();
        args.put("target_schema", targetSchema);
        args.put("selection", selection);
        return call(GatewayRequest.Op.LOCATE_TABLES, connector, config, args,
                type(new TypeReference<List<TargetPreview.Target>>() { }));
    }

    @Override
    public List<String> changeCapturePreflight(Connector connector, ConfigValues config, List<io.dtaas.data.TableRef> tables) {
        return call(GatewayRequest.Op.PREFLIGHT, connector, config, Map.of("tables", tables),
                type(new TypeReference<List<String>>() { }));
    }

    @Override
    public java.util.Optional<io.dtaas.connect.RetainedLog> retainedLog(Connector connector, ConfigValues config,
                                                                         long taskId) {
        return java.util.Optional.ofNullable(call(GatewayRequest.Op.RETAINED_LOG, connector, config,
                Map.of("stream_id", io.dtaas.cdc.CdcRun.streamId(taskId), "task_id", taskId), type(new TypeReference<io.dtaas.connect.RetainedLog>() { })));
    }

    @Override
    public CaptureCleanup dropChangeCapture(Connector connector, ConfigValues config, String streamId) {
        return call(GatewayRequest.Op.DROP_CHANGE_CAPTURE, connector, config, Map.of("stream_id", streamId),
                type(new TypeReference<CaptureCleanup>() { }));
    }

    <T> T call(GatewayRequest.Op op, Connector connector, ConfigValues config, Map<String, Object> args, JavaType resultType) {
        if (workers.online().isEmpty()) {
            // answer at once rather than after the timeout: nobody would take the request
            throw new TransientError("no transfer-worker is online to reach " + connector.type().id()
                    + " databases; start one (./dtaas worker) with the same REDIS_URL", null);
        }
        String id = UUID.randomUUID().toString();
        String sealed = cipher.encrypt(cluster.json().write(config.revealAll()));
        cluster.publish(cluster.keys().requests(), new GatewayRequest(id, op, connector.type().id(), sealed, args));
        KeyValue<String, String> answer = cluster.redis().list(String.class).blpop(timeout, cluster.keys().reply(id));
        if (answer == null) {
            throw new TransientError("no transfer-worker answered within " + timeout.toSeconds()
                    + " s; check that workers are running and connected to Redis", null);
        }
        cluster.redis().key().del(cluster.keys().reply(id));
        GatewayReply reply = cluster.json().read(answer.value(), GatewayReply.class);
        if (reply.failed()) {
            throw reply.error();
        }
        return cluster.json().mapper().convertValue(reply.result(), resultType);
    }

    private JavaType type(TypeReference<?> ref) {
        return cluster.json().mapper().getTypeFactory().constructType(ref);
    }

    /** A catalog browser whose every call is one request/reply. */
    private final class RemoteBrowser implements CatalogBrowser {

        private final Connector connector;
        private final ConfigValues config;

        RemoteBrowser(Connector connector, ConfigValues config) {
            this.connector = connector;
            this.config = config;
        }

        @Override
        public List<String> databases() {
            return call(GatewayRequest.Op.DATABASES, connector, config, Map.of(), type(new TypeReference<List<String>>() { }));
        }

        @Override
        public List<String> schemas(String database) {
            return call(GatewayRequest.Op.SCHEMAS, connector, config, args("database", database),
                    type(new TypeReference<List<String>>() { }));
        }

        @Override
        public List<TableInfo> tables(String database, String schema) {
            return call(GatewayRequest.Op.TABLES, connector, config, args("database", database, "schema", schema),
                    type(new TypeReference<List<TableInfo>>() { }));
        }

        @Override
        public List<ColumnInfo> columns(String database, String schema, String table) {
            return call(GatewayRequest.Op.COLUMNS, connector, config,
                    args("database", database, "schema", schema, "table", table),
                    type(new TypeReference<List<ColumnInfo>>() { }));
        }

        @Override
        public QueryResult preview(String database, String schema, String table, QueryLimits limits) {
            Map<String, Object> a = args("database", database, "schema", schema, "table", table);
            a.put("max_rows", limits.maxRows());
            a.put("timeout_seconds", limits.timeoutSeconds());
            return call(GatewayRequest.Op.PREVIEW, connector, config, a, type(new TypeReference<QueryResult>() { }));
        }

        @Override
        public QueryResult query(String database, String sql, QueryLimits limits) {
            Map<String, Object> a = args("database", database, "sql", sql);
            a.put("max_rows", limits.maxRows());
            a.put("timeout_seconds", limits.timeoutSeconds());
            return call(GatewayRequest.Op.QUERY, connector, config, a, type(new TypeReference<QueryResult>() { }));
        }

        private static Map<String, Object> args(String... pairs) {
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i + 1] != null) {
                    m.put(pairs[i], pairs[i + 1]);
                }
            }
            return m;
        }
    }
}
