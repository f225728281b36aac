package io.dtaas.transform;

import io.dtaas.error.FieldProblem;
import io.dtaas.transform.expr.Expression;
import io.dtaas.transform.expr.ExpressionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one transformation's {@code config} object into typed values, collecting a problem per bad field
 * (named {@code config.<field>}, relative to the transformation) instead of stopping at the first.
 */
final class ConfigReader {

    private static final int MAX_TEXT = 10_000;

    private final Map<String, Object> raw;
    private final List<FieldProblem> problems = new ArrayList<>();

    ConfigReader(Map<String, Object> raw, List<TypeField> fields) {
        this.raw = raw;
        Set<String> known = fields.stream().map(TypeField::name).collect(Collectors.toSet());
        String unknown = "unknown setting; known: " + fields.stream().map(TypeField::name).toList();
        for (String key : raw.keySet()) {
            if (!known.contains(key)) {
                problem(key, unknown);
            }
        }
    }

    List<FieldProblem> problems() {
        return problems;
    }

    void problem(String field, String message) {
        problems.add(new FieldProblem("config." + field, message));
    }

    /** The key is in the config, even with a null value. */
    boolean present(String name) {
        return raw.containsKey(name);
    }

    boolean has(String name) {
        return raw.get(name) != null;
    }

    /** A required non-empty string; null (with a problem) when absent or not a string. */
    String name(String name) {
        String s = string(name, null);
        if (s == null && !has(name)) {
            problem(name, "is required");
        }
        return s;
    }

    String string(String name, String fallback) {
        Object v = raw.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isEmpty() || s.length() > MAX_TEXT) {
            problem(name, "must be a non-empty string of at most " + MAX_TEXT + " characters");
            return null;
        }
        return s;
    }

    /** A string that may be empty (prefixes, separators, replacements). */
    String text(String name, String fallback, boolean required) {
        Object v = raw.get(name);
        if (v == null) {
            if (required) {
                problem(name, "is required");
            }
            return fallback;
        }
        if (!(v instanceof String s) || s.length() > MAX_TEXT) {
            problem(name, "must be a string of at most " + MAX_TEXT + " characters");
            return fallback;
        }
        return s;
    }

    boolean bool(String name, boolean fallback) {
        Object v = raw.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            problem(name, "must be true or false");
            return fallback;
        }
        return b;
    }

    /** An integer in [min, max]; {@code fallback} when absent (null fallback: optional). */
    Integer integer(String name, Integer fallback, long min, long max) {
        Object v = raw.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
            problem(name, "must be an integer between " + min + " and " + max);
            return fallback;
        }
        return ((Number) v).intValue();
    }

    String choice(String name, String fallback, List<String> options) {
        Object v = raw.get(name);
        if (v == null) {
            if (fallback == null) {
                problem(name, "is required; one of " + options);
            }
            return fallback;
        }
        String s = v instanceof String str ? str.toLowerCase(java.util.Locale.ROOT).strip() : null;
        if (s == null || !options.contains(s)) {
            problem(name, "must be one of " + options);
            return fallback;
        }
        return s;
    }

    /** A list of non-empty strings; empty when absent (a problem too when {@code required}). */
    List<String> strings(String name, boolean required) {
        Object v = raw.get(name);
        if (v == null) {
            if (required) {
                problem(name, "is required: a list of column names");
            }
            return List.of();
        }
        if (!(v instanceof List<?> list) || (required && list.isEmpty())) {
            problem(name, "must be a " + (required ? "non-empty " : "") + "list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s && !s.isBlank() && s.length() <= MAX_TEXT) {
                out.add(s);
            } else {
                problem(name + "[" + i + "]", "must be a non-empty string");
            }
        }
        return out;
    }

    /** A raw JSON scalar (string, number, boolean or null) as given. */
    Object scalar(String name) {
        Object v = raw.get(name);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            problem(name, "must be a single value (string, number, boolean or null), not " + (v instanceof Map ? "an object" : "a list"));
            return null;
        }
        if (v instanceof String s && s.length() > MAX_TEXT) {
            problem(name, "must be at most " + MAX_TEXT + " characters");
            return null;
        }
        return v;
    }

    Object rawValue(String name) {
        return raw.get(name);
    }

    /** An expression, parsed; a syntax error is reported with its position. */
    Expression expression(String name, boolean required) {
        String text = required ? name(name) : string(name, null);
        if (text == null) {
            return null;
        }
        try {
            return Expression.parse(text);
        } catch (ExpressionException e) {
            problem(name, "invalid expression " + e.getMessage());
            return null;
        }
    }
}
