package io.dtaas.variables;

import io.dtaas.error.ConfigError;

import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Renders a text template (object-store prefixes, directory paths, transformation values). Values become
 * plain text: dates as {@code 2026-11-26}, timestamps in ISO form (UTC for points in time), decimals without
 * exponent.
 */
public final class TextRenderer {

    private TextRenderer() {
    }

    /** Renders for free text (e.g. an added column's value); null renders as an empty string. */
    public static String render(Template template, Map<String, VariableValue> values, String field) {
        return template.render(ref -> text(value(values, ref, field)));
    }

    /**
     * Renders a path or key prefix: each value must be one path segment, so no value can climb out of the
     * configured folder or add folders of its own.
     *
     * @throws ConfigError naming {@code field} for an unknown name, a null value, or a value holding {@code /},
     *                     {@code \}, a control character, or being {@code .} or {@code ..}
     */
    public static String renderPath(Template template, Map<String, VariableValue> values, String field) {
        return template.render(ref -> {
            VariableValue value = value(values, ref, field);
            if (value instanceof VariableValue.Null) {
                throw new ConfigError(field, "variable {{" + ref.name() + "}} is null; a path needs a value");
            }
            String text = text(value);
            String problem = segmentProblem(text);
            if (problem != null) {
                throw new ConfigError(field, "variable {{" + ref.name() + "}} cannot be part of a path: its value "
                        + problem);
            }
            return text;
        });
    }

    /** One value as plain text. */
    public static String text(VariableValue value) {
        return switch (value) {
            case VariableValue.Text t -> t.value();
            case VariableValue.Int i -> Long.toString(i.value());
            case VariableValue.Decimal d -> d.value().toPlainString();
            case VariableValue.Bool b -> Boolean.toString(b.value());
            case VariableValue.Date d -> d.value().toString();
            case VariableValue.Timestamp t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.value());
            case VariableValue.Moment m -> m.value().toString();
            case VariableValue.Null n -> "";
        };
    }

    private static VariableValue value(Map<String, VariableValue> values, Template.Reference ref, String field) {
        VariableValue value = values.get(ref.name());
        if (value == null) {
            throw new ConfigError(field, "unknown variable {{" + ref.name() + "}}");
        }
        return value;
    }

    private static String segmentProblem(String text) {
        if (text.isEmpty()) {
            return "is empty";
        }
        if (text.equals(".") || text.equals("..")) {
            return "is '" + text + "'";
        }
        if (text.indexOf('/') >= 0 || text.indexOf('\\') >= 0) {
            return "holds a path separator ('" + text + "')";
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            return "holds a control character";
        }
        return null;
    }
}
