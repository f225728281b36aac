package io.dtaas.engine.cli;

import java.util.Map;

/**
 * A one-off full load as JSON: {@code {"task_id": 1, "source": {"type": "postgresql", "connection_config":
 * {...}}, "destination": {...}, "config": {"tables": [...], ...}}}.
 */
public record LoadSpec(Long taskId, String name, Endpoint source, Endpoint destination, Map<String, Object> config) {

    /** A connector type id and its settings, as in the connectors API. */
    public record Endpoint(String type, Map<String, Object> connectionConfig) {
    }
}
