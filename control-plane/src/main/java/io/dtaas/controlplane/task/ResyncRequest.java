package io.dtaas.controlplane.task;

import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The optional body of {@code POST /api/tasks/{id}/resync}: the tables to resync (all when absent). */
public record ResyncRequest(List<String> tables) {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The request in {@code body} (JSON), or none when the body is empty. */
    static ResyncRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(body, ResyncRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigError("body", "expected {\"tables\": [\"schema.table\", ...]}: " + e.getOriginalMessage());
        }
    }

    /**
     * The requested tables, each one of the task's ({@code name} or {@code schema.name}), or all of the task's.
     *
     * @throws ConfigError naming {@code tables[i]} for each table the task does not follow
     */
    static List<String> checkedTables(ResyncRequest request, Map<String, Object> config) {
        List<String> own = new ArrayList<>();
        if (config != null && config.get("tables") instanceof List<?> list) {
            for (Object t : list) {
                own.add(t instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : String.valueOf(t));
            }
        }
        if (request == null || request.tables() == null || request.tables().isEmpty()) {
            return own;
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < request.tables().size(); i++) {
            String wanted = request.tables().get(i);
            boolean known = wanted != null && own.stream().anyMatch(o -> o.equalsIgnoreCase(wanted)
                    || wanted.toLowerCase().endsWith("." + o.toLowerCase())
                    || o.toLowerCase().endsWith("." + wanted.toLowerCase()));
            if (!known) {
                problems.add(new FieldProblem("tables[" + i + "]", "'" + wanted + "' is not one of the task's tables "
                        + own));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return List.copyOf(request.tables());
    }
}
