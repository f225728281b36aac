package io.dtaas.cdc;

import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.Connector;
import io.dtaas.error.ConfigError;

/** A source connector's change capture, or the error a task gets when its source type has none. */
public final class SourceCapture {

    private SourceCapture() {
    }

    /** @throws ConfigError naming {@code source_connector_id} when the type cannot capture changes */
    public static ChangeCapture of(Connector source) {
        return source.changeCapture().orElseThrow(() -> new ConfigError("source_connector_id", "change data capture"
                + " from " + source.type().id() + " sources is not supported"));
    }
}
