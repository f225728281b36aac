package io.dtaas.controlplane.gateway;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.NotFoundError;
import io.dtaas.variables.VariableValue;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Standalone mode: the control-plane calls the connectors itself. */
@ApplicationScoped
public class InProcessConnectorGateway implements ConnectorGateway {

    private final Duration testTimeout;

    public InProcessConnectorGateway(@ConfigProperty(name = "dtaas.connector.test-timeout") Duration testTimeout) {
        this.testTimeout = testTimeout;
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
            return query != null ? source.describeQuery(TableRef.parse(table).withSchema(source.defaultSchema()), query)
                    : describe(source, table);
        }
    }

    @Override
    public Batch preview(Connector connector, ConfigValues config, String table, int limit) {
        try (Source source = connector.source(config)) {
            TableSchema schema = describe(source, table);
            try (RowStream rows = source.head(schema, limit)) {
                Batch first = rows.next(limit);
                return first != null ? first : new Batch(schema, java.util.List.of());
            }
        }
    }

    /** {@code name} in the default schema, or else {@code schema.name} split at the first dot (as the browser does). */
    private static TableSchema describe(Source source, String table) {
        try {
            return source.describe(new TableRef(source.defaultSchema(), table));
        } catch (NotFoundError notFound) {
            TableRef dotted = TableRef.parse(table);
            if (dotted.schema() == null) {
                throw notFound;
            }
            return source.describe(dotted);
        }
    }
}
