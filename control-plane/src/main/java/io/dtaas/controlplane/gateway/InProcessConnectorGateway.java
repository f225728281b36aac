package io.dtaas.controlplane.gateway;

import io.dtaas.connect.CaptureCleanup;
import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.SourceLookup;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.engine.TargetPreview;
import java.util.List;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.error.ConfigError;
import io.dtaas.variables.VariableValue;
import io.dtaas.data.Batch;
import io.dtaas.data.TableSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Standalone mode: the control-plane calls the connectors itself. */
@ApplicationScoped
@Typed(InProcessConnectorGateway.class)
public class InProcessConnectorGateway implements ConnectorGateway {

    private final Duration testTimeout;
    private final io.dtaas.cdc.StreamStates states;

    public InProcessConnectorGateway(@ConfigProperty(name = "dtaas.connector.test-timeout") Duration testTimeout,
                                     io.dtaas.cdc.StreamStates states) {
        this.testTimeout = testTimeout;
        this.states = states;
    }

    @Override
    public CheckResult check(Connector connector, ConfigValues config) {
        return connector.check(config, testTimeout);
    }

    @Override
    public CatalogBrowser browser(Connector connector, ConfigValues config) {
        return connector.browser(config);
    }

    @Override
    public VariableValue queryValue(Connector connector, ConfigValues config, String sql, Duration timeout) {
        Object value = connector.browser(config).singleValue(null, sql, (int) Math.max(1, timeout.toSeconds()));
        try {
            return VariableValue.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sql", e.getMessage());
        }
    }

    @Override
    public TableSchema describe(Connector connector, ConfigValues config, String table, String query) {
        try (Source source = connector.source(config)) {
            return SourceLookup.describe(source, table, query);
        }
    }

    @Override
    public Batch preview(Connector connector, ConfigValues config, String table, int limit) {
        try (Source source = connector.source(config)) {
            return SourceLookup.head(source, table, limit);
        }
    }

    @Override
    public TargetPreview.Selection selectTables(Connector connector, ConfigValues config, List<String> tables,
                                                List<String> exclude) {
        try (Source source = connector.source(config)) {
            return TargetPreview.select(source, tables, exclude);
        }
    }

    @Override
    public List<TargetPreview.Target> locateTables(Connector connector, ConfigValues config, String targetSchema,
                                                   TargetPreview.Selection selection) {
        try (Destination destination = connector.destination(config)) {
            return TargetPreview.locate(destination, targetSchema, selection);
        }
    }

    @Override
    public List<String> changeCapturePreflight(Connector connector, ConfigValues config, List<io.dtaas.data.TableRef> tables) {
        return io.dtaas.connect.CaptureReadiness.problems(connector, config, tables);
    }

    @Override
    public java.util.Optional<io.dtaas.connect.RetainedLog> retainedLog(Connector connector, ConfigValues config,
                                                                         long taskId) {
        return connector.changeCapture().flatMap(c -> c.retainedLog(config, io.dtaas.cdc.CdcRun.streamId(taskId),
                states.of(taskId).committedOffsets()));
    }

    @Override
    public CaptureCleanup dropChangeCapture(Connector connector, ConfigValues config, String streamId) {
        return connector.changeCapture().map(c -> c.cleanUp(config, streamId)).orElse(CaptureCleanup.NOTHING);
    }
}
