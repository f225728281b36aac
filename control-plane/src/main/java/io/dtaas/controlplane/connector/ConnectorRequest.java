package io.dtaas.controlplane.connector;

import java.util.Map;

/**
 * Body of POST and PUT {@code /api/connectors}. On PUT every field is optional: what is absent stays as it
 * is, and {@code connection_config} is merged key by key (a key set to null is removed; a secret sent back
 * as {@code ********} keeps the stored secret, unless an endpoint field changes: then it must be sent again).
 * The role and type cannot change while a task uses the connector (409).
 */
public record ConnectorRequest(String name, String description, String connectorType, String sourceType,
                               String destinationType, Map<String, Object> connectionConfig, Boolean isActive) {
}
