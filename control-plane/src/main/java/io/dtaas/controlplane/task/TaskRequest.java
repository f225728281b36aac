package io.dtaas.controlplane.task;

import java.util.Map;

/**
 * Body of POST and PUT {@code /api/tasks}. On PUT every field is optional: what is absent stays; {@code config}
 * is merged key by key (a key set to null is removed); {@code schedule} is replaced whole, and dropped when
 * only {@code schedule_type} changes. {@code status} and {@code last_execution} are read-only and ignored.
 */
public record TaskRequest(String name, String description, Long sourceConnectorId, Long destinationConnectorId,
                          String mode, String scheduleType, Map<String, Object> schedule, Map<String, Object> config) {
}
