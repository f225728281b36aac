package io.dtaas.controlplane.metadata;

import io.agroal.api.AgroalDataSource;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's migration at start is the first use of the metadata database, before Hibernate and every bean: it waits
 * here for the embedded server the launcher is starting in the background ({@link EmbeddedStoreStartup}; nothing
 * to wait for without one), then opens the pool's first connection with a driver discovery that finds pgjdbc alone
 * ({@link PgjdbcOnlyDriverDiscovery}).
 */
@Singleton
public class WaitForEmbeddedStore implements FlywayConfigurationCustomizer {

    @Inject
    AgroalDataSource metadata;

    @Override
    public void customize(FluentConfiguration configuration) {
        EmbeddedStoreStartup.awaitCurrent();
        PgjdbcOnlyDriverDiscovery.firstConnection(metadata);
    }
}
