package io.dtaas.controlplane.variable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Body of POST and PUT {@code /api/variables} and of the resolve endpoints. The seed's short form is accepted
 * too: {@code {"name": "tenant_id", "type": "static", "value": "12345"}} ({@code type} for
 * {@code variable_type}; {@code value}, {@code query}, {@code path}, {@code connector_id} for the
 * {@code config} keys). On PUT absent fields stay; a new {@code config} replaces the old one whole.
 *
 * @param taskId {@code POST /api/variables/resolve} only: the task whose context ({@code task.name}, {@code source_connector.database}, the
 *               source connector of a db_query without {@code connector_id}) the value is resolved for
 */
public record VariableRequest(String name, String description, String variableType, String type,
                              Map<String, Object> config, Object value, String query, String path, Long connectorId,
                              Long taskId) {

    /** {@code variable_type}, or the seed's {@code type}. */
    String typeGiven() {
        return variableType != null ? variableType : type;
    }

    /** {@code config}, or the seed's top-level keys gathered into one; null when neither is given. */
    Map<String, Object> configGiven(boolean valueGiven) {
        if (config != null) {
            return config;
        }
        Map<String, Object> shortForm = new LinkedHashMap<>();
        if (valueGiven) {
            shortForm.put("value", value);
        }
        if (query != null) {
            shortForm.put("query", query);
        }
        if (path != null) {
            shortForm.put("path", path);
        }
        if (connectorId != null) {
            shortForm.put("connector_id", connectorId);
        }
        return shortForm.isEmpty() ? null : shortForm;
    }
}
