package io.dtaas.controlplane.metadata;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's migration at start is the first use of the metadata database, before Hibernate and every bean: it waits
 * here for the embedded server the launcher is starting in the background ({@link EmbeddedStoreStartup}). A no-op
 * when there is none.
 */
@Singleton
public class WaitForEmbeddedStore implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        EmbeddedStoreStartup.awaitCurrent();
    }
}
