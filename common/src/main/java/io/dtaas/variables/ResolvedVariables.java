package io.dtaas.variables;

import io.dtaas.connect.jdbc.SqlLiterals;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An execution's variables, resolved once at its start, and the ways to use them: rendered into SQL as typed
 * literals, into paths as single segments, into free text, or read as plain Java values (transformations).
 */
public record ResolvedVariables(Map<String, VariableValue> values) {

    public static final ResolvedVariables NONE = new ResolvedVariables(Map.of());

    public ResolvedVariables {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Name to plain Java value (String, Long, BigDecimal, LocalDate, LocalDateTime, Instant, Boolean, null). */
    public Map<String, Object> asObjects() {
        Map<String, Object> plain = new LinkedHashMap<>();
        values.forEach((name, value) -> plain.put(name, value.plain()));
        return plain;
    }

    /** What an execution records: name to {@code {"value": ..., "value_type": ...}}. */
    public Map<String, Object> recorded() {
        Map<String, Object> recorded = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value.json());
            entry.put("value_type", value.valueType());
            recorded.put(name, entry);
        });
        return recorded;
    }

    /** A custom query with each {@code {{name}}} as a typed literal of the database ({@link SqlTemplates}). */
    public String sql(String template, SqlLiterals database, String field) {
        return SqlRenderer.render(SqlTemplates.parse(template, database.lexicon(), field), values, database, field);
    }

    /** A prefix or path with each {@code {{name}}} as one path segment ({@link TextRenderer#renderPath}). */
    public String path(String template, String field) {
        return TextRenderer.renderPath(TextTemplates.parse(template, field), values, field);
    }

    /** Free text with each {@code {{name}}} as its plain text (null as empty). */
    public String text(String template, String field) {
        return TextRenderer.render(TextTemplates.parse(template, field), values, field);
    }
}
