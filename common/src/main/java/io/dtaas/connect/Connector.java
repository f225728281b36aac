package io.dtaas.connect;

import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.error.ConfigError;

import java.time.Duration;
import java.util.Optional;

/**
 * One connector type's entry point: its declaration, connection test and database browser. Each connector
 * lives in its own package ({@code io.dtaas.connect.postgres}, ...) and nothing outside it knows its internals.
 *
 * <p>Implementations are stateless and thread-safe; configs are validated by {@link ConfigValidator} against
 * {@link #type()} before they reach these methods.
 */
public interface Connector {

    ConnectorType type();

    /**
     * Checks what field-by-field validation cannot: values that must agree with each other or stay out of
     * URL syntax. Called when a connector is saved and before every use.
     *
     * @throws ConfigError naming the field
     */
    void validate(ConfigValues config);

    /**
     * Opens a connection with the given settings and reports how it went. Never throws for a failed
     * connection: the failure is the answer. Gives up after about {@code timeout}.
     */
    CheckResult check(ConfigValues config, Duration timeout);

    /** A reader for full loads. @throws ConfigError when this type is not a source */
    default Source source(ConfigValues config) {
        throw new ConfigError("source_connector_id", type().id() + " connectors cannot be read from");
    }

    /** A writer for full loads. @throws ConfigError when this type is not a destination */
    default Destination destination(ConfigValues config) {
        throw new ConfigError("destination_connector_id", type().id() + " connectors cannot be written to");
    }

    /** @throws ConfigError when this type has no browser (object stores, files) */
    default CatalogBrowser browser(ConfigValues config) {
        throw new ConfigError("connector_id", type().id() + " connectors have no database to browse");
    }

    /**
     * Change data capture from this source type, when it can ({@code cdc}, {@code full_load_then_cdc}); empty
     * otherwise, so a task asking change capture of it is refused when it is saved.
     */
    default Optional<ChangeCapture> changeCapture() {
        return Optional.empty();
    }
}
