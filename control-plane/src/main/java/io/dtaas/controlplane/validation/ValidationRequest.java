package io.dtaas.controlplane.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional body of {@code POST /api/tasks/{id}/validate}: which tables (all of the task's when absent), and
 * whether to repair what differs.
 */
public record ValidationRequest(List<String> tables, Boolean repair) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The request in {@code body} (JSON); an empty body asks for every table without repair. */
    public static ValidationRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new ValidationRequest(List.of(), false);
        }
        ValidationRequest r;
        try {
            r = JSON.readValue(body, ValidationRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigError("body", "expected {\"tables\": [\"schema.table\", ...], \"repair\": false}: "
                    + e.getOriginalMessage());
        }
        List<String> tables = r == null || r.tables() == null ? List.of() : r.tables();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i) == null || tables.get(i).isBlank()) {
                problems.add(new FieldProblem("tables[" + i + "]", "a table name is required"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return new ValidationRequest(List.copyOf(tables), r != null && Boolean.TRUE.equals(r.repair()));
    }
}
