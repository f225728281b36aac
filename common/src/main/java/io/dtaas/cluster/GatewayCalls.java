package io.dtaas.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.cdc.StreamStates;
import io.dtaas.connect.CaptureCleanup;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.engine.TargetPreview;
import io.dtaas.connect.SourceLookup;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DtaasException;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.SystemError;
import io.dtaas.secret.SecretCipher;
import io.dtaas.variables.VariableValue;
import io.dtaas.variables.VariableValueWire;

import java.time.Duration;
import java.util.Map;

/**
 * The worker's side of the connector gateway: unseals a request's settings, runs the connector call it names
 * and wraps the outcome as a {@link GatewayReply}. Errors are answers, never exceptions.
 */
public final class GatewayCalls {

    private final ConnectorRegistry registry;
    private final SecretCipher cipher;
    private final ClusterJson json;
    private final Duration checkTimeout;
    private final String workerId;
    private final StreamStates states;

    /** @param states where this worker finds a task's committed offsets (Redis), for measuring retained logs */
    public GatewayCalls(ConnectorRegistry registry, SecretCipher cipher, ClusterJson json, Duration checkTimeout,
                        String workerId, StreamStates states) {
        this.states = states;
        this.registry = registry;
        this.cipher = cipher;
        this.json = json;
        this.checkTimeout = checkTimeout;
        this.workerId = workerId;
    }

    public GatewayReply answer(GatewayRequest request) {
        try {
            Connector connector = registry.find(request.typeId())
                    .orElseThrow(() -> new NotFoundError("connector type " + request.typeId() + " is unknown to this worker"));
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = json.read(cipher.decrypt(request.sealedConfig()), Map.class);
            ConfigValues config = ConfigValidator.validate(connector.type(), settings, "connection_config");
            return GatewayReply.ok(run(request, connector, config), workerId);
        } catch (DtaasException e) {
            return GatewayReply.failed(e, workerId);
        } catch (RuntimeException e) {
            return GatewayReply.failed(new SystemError("the worker failed to run " + request.op().wireName() + ": "
                    + e.getClass().getSimpleName(), e), workerId);
        }
    }

    private JsonNode run(GatewayRequest request, Connector connector, ConfigValues config) {
        ObjectMapper mapper = json.mapper();
        Map<String, Object> a = request.args() == null ? Map.of() : request.args();
        switch (request.op()) {
            case CHECK:
                return mapper.valueToTree(connector.check(config, checkTimeout));
            case DESCRIBE:
                try (Source source = connector.source(config)) {
                    return mapper.valueToTree(SourceLookup.describe(source, text(a, "table"), text(a, "query")));
                }
            case HEAD:
                try (Source source = connector.source(config)) {
                    return mapper.valueToTree(BatchWire.of(SourceLookup.head(source, text(a, "table"),
                            ((Number) a.get("limit")).intValue())));
                }
            case DROP_CHANGE_CAPTURE:
                return mapper.valueToTree(connector.changeCapture().map(c -> c.cleanUp(config, text(a, "stream_id")))
                        .orElse(CaptureCleanup.NOTHING));
            case RETAINED_LOG:
                return mapper.valueToTree(connector.changeCapture().flatMap(c -> c.retainedLog(config,
                        text(a, "stream_id"), states.of(((Number) a.get("task_id")).longValue()).committedOffsets()))
                        .orElse(null));
            case SELECT_TABLES:
                try (Source source = connector.source(config)) {
                    return mapper.valueToTree(TargetPreview.select(source, texts(a, "tables"), texts(a, "exclude_tables")));
                }
            case LOCATE_TABLES:
                try (Destination destination = connector.destination(config)) {
                    return mapper.valueToTree(TargetPreview.locate(destination, text(a, "target_schema"),
                            mapper.convertValue(a.get("selection"), TargetPreview.Selection.class)));
                }
            case PREFLIGHT:
                return mapper.valueToTree(io.dtaas.connect.CaptureReadiness.problems(connector, config,
                        mapper.convertValue(a.get("tables"), new com.fasterxml.jackson.core.type.TypeReference<
                                java.util.List<io.dtaas.data.TableRef>>() { })));
            default:
                break;
        }
        CatalogBrowser browser = connector.browser(config);
        Object result = switch (request.op()) {
            case CHECK, DESCRIBE, HEAD, DROP_CHANGE_CAPTURE, RETAINED_LOG, SELECT_TABLES, LOCATE_TABLES, PREFLIGHT -> throw new IllegalStateException("handled above");
            case DATABASES -> browser.databases();
            case SCHEMAS -> browser.schemas(text(a, "database"));
            case TABLES -> browser.tables(text(a, "database"), text(a, "schema"));
            case COLUMNS -> browser.columns(text(a, "database"), text(a, "schema"), text(a, "table"));
            case PREVIEW -> browser.preview(text(a, "database"), text(a, "schema"), text(a, "table"), limits(a));
            case QUERY -> browser.query(text(a, "database"), text(a, "sql"), limits(a));
            case QUERY_VALUE -> VariableValueWire.of(queryValue(browser, a));
        };
        return mapper.valueToTree(result);
    }

    private static VariableValue queryValue(CatalogBrowser browser, Map<String, Object> a) {
        Object value = browser.singleValue(text(a, "database"), text(a, "sql"), ((Number) a.get("timeout_seconds")).intValue());
        try {
            return VariableValue.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sql", e.getMessage());
        }
    }

    private static String text(Map<String, Object> args, String name) {
        Object v = args.get(name);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<String> texts(Map<String, Object> args, String name) {
        Object v = args.get(name);
        return v == null ? java.util.List.of() : (java.util.List<String>) v;
    }

    private static QueryLimits limits(Map<String, Object> args) {
        return new QueryLimits(((Number) args.get("max_rows")).intValue(), ((Number) args.get("timeout_seconds")).intValue());
    }
}
