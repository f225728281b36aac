package io.dtaas.connect;

import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks raw connection settings (JSON) against a connector type's declared fields. */
public final class ConfigValidator {

    /** Longest string value accepted in a connection field; keeps junk out of the metadata store. */
    public static final int MAX_STRING_LENGTH = 4096;

    private ConfigValidator() {
    }

    /**
     * @param path the request path of the settings, used to name fields in errors (e.g. {@code connection_config})
     * @throws ConfigError naming every field that is unknown, missing, of the wrong type or out of range
     */
    public static ConfigValues validate(ConnectorType type, Map<String, ?> raw, String path) {
        Map<String, ?> input = raw == null ? Map.of() : raw;
        List<FieldProblem> problems = new ArrayList<>();
        String unknown = null; // one message shared by every unknown key: a body may hold very many
        for (String key : input.keySet()) {
            if (type.field(key).isEmpty()) {
                if (unknown == null) {
                    unknown = "unknown field for " + type.id() + "; known fields: "
                            + type.fields().stream().map(FieldSpec::name).toList();
                }
                problems.add(new FieldProblem(path + "." + key, unknown));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec spec : type.fields()) {
            Object given = input.get(spec.name());
            boolean blank = given == null || (given instanceof String s && s.isBlank());
            if (blank) {
                if (spec.required()) {
                    problems.add(new FieldProblem(path + "." + spec.name(), "is required"));
                } else if (spec.defaultValue() != null) {
                    values.put(spec.name(), spec.defaultValue());
                }
                continue;
            }
            String problem = check(spec, given);
            if (problem != null) {
                problems.add(new FieldProblem(path + "." + spec.name(), problem));
            } else {
                values.put(spec.name(), normalise(spec, given));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return new ConfigValues(type, values);
    }

    private static String check(FieldSpec spec, Object value) {
        return switch (spec.type()) {
            case STRING -> value instanceof String s
                    ? (s.length() > MAX_STRING_LENGTH ? "must be at most " + MAX_STRING_LENGTH + " characters" : null)
                    : "must be a string";
            case ENUM -> value instanceof String s && spec.options().contains(s)
                    ? null
                    : "must be one of " + spec.options();
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
            case INTEGER -> checkInteger(spec, value);
        };
    }

    private static String checkInteger(FieldSpec spec, Object value) {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
            return "must be an integer";
        }
        long n = ((Number) value).longValue();
        if (spec.min() != null && n < spec.min() || spec.max() != null && n > spec.max()) {
            return "must be between " + spec.min() + " and " + spec.max();
        }
        return null;
    }

    private static Object normalise(FieldSpec spec, Object value) {
        return spec.type() == FieldType.INTEGER ? ((Number) value).intValue() : value;
    }
}
