package io.dtaas.controlplane.gateway;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.catalog.CatalogBrowser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Standalone mode: the control-plane calls the connectors itself. */
@ApplicationScoped
@Typed(InProcessConnectorGateway.class)
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
}
