package io.dtaas.controlplane.connector;

import java.time.Instant;
import java.util.Map;

/**
 * A connector as the API shows it: secrets masked as {@code ********}.
 *
 * @param status {@code untested}, {@code ok} or {@code failed}: the outcome of the last connection test
 */
public record ConnectorView(long id, String name, String description, String connectorType, String sourceType,
                            String destinationType, Map<String, Object> connectionConfig, boolean isActive,
                            String status, String lastTestMessage, Instant lastTestedAt, Instant createdAt,
                            Instant updatedAt) {
}
