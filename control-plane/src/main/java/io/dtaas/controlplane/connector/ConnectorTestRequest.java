package io.dtaas.controlplane.connector;

import java.util.Map;

/**
 * Body of POST {@code /api/connectors/test}: settings to try before saving. With {@code connector_id}, secrets
 * sent as {@code ********} are taken from that stored connector, so an edit form can test without re-typing them.
 */
public record ConnectorTestRequest(String connectorType, String sourceType, String destinationType,
                                   Map<String, Object> connectionConfig, Long connectorId) {
}
