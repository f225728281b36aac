package io.dtaas.controlplane.task;

import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.transform.TransformationChain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges one list of transformations into several tables' lists of a task's config. */
final class BulkTransformations {

    private BulkTransformations() {
    }

    /**
     * The task's new {@code config.transformations}.
     *
     * @throws ConfigError naming {@code tables}, {@code transformations[i]...} of the request body
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> config, BulkTransformationsRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with tables and transformations is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<String> tables = request.tables() == null ? List.of() : request.tables();
        if (tables.isEmpty()) {
            problems.add(new FieldProblem("tables", "is required: a non-empty list of table names"));
        }
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i) == null || tables.get(i).isBlank()) {
                problems.add(new FieldProblem("tables[" + i + "]", "must be a non-empty table name"));
            }
        }
        if (request.transformations() == null) {
            problems.add(new FieldProblem("transformations", "is required: a list of {\"type\": ..., \"config\": {...}}"));
        } else {
            try {
                TransformationChain.parse(request.transformations(), "transformations");
            } catch (ConfigError e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        List<Object> given = (List<Object>) request.transformations();
        Map<String, Object> merged = new LinkedHashMap<>();
        if (config.get("transformations") instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> merged.put(k.toString(), v));
        }
        for (String table : tables) {
            List<Object> list = new ArrayList<>();
            if (!Boolean.TRUE.equals(request.replace()) && merged.get(table) instanceof List<?> old) {
                list.addAll(old);
            }
            list.addAll(given);
            merged.put(table.strip(), list);
        }
        return merged;
    }
}
