package io.dtaas.controlplane.connector;

import java.util.Map;

/**
 * Body of POST {@code /api/connectors/test}: settings to try before saving. With {@code connector_id}, secrets
 * sent as {@code ********} (or left out) are taken from that stored connector, so an edit form can test without
 * re-typing them, but only while the endpoint fields (host, port, TLS settings, endpoint URL...) are the stored
 * ones: a changed endpoint needs the secrets again (422, see {@link io.dtaas.connect.SecretBinding}).
 */
public record ConnectorTestRequest(String connectorType, String sourceType, String destinationType,
                                   Map<String, Object> connectionConfig, Long connectorId) {
}
