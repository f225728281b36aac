package io.dtaas.variables;

import io.dtaas.error.FieldProblem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads a static variable's {@code value}, typed by its JSON type or by an explicit {@code value_type} (JSON has
 * no dates: {@code {"value": "2026-01-31", "value_type": "date"}}).
 */
final class StaticValues {

    static final int MAX_TEXT = 10_000;
    static final List<String> TYPES = List.of("string", "integer", "decimal", "date", "timestamp", "boolean");

    private StaticValues() {
    }

    static VariableDefinition.Static parse(Map<String, Object> in, List<FieldProblem> problems) {
        if (!in.containsKey("value")) {
            problems.add(new FieldProblem("config.value", "is required (null is allowed)"));
            return new VariableDefinition.Static(new VariableValue.Null(), null);
        }
        Object raw = in.get("value");
        Object declared = in.get("value_type");
        if (declared != null && !(declared instanceof String s && TYPES.contains(s))) {
            problems.add(new FieldProblem("config.value_type", "must be one of " + TYPES));
            return new VariableDefinition.Static(new VariableValue.Null(), null);
        }
        try {
            VariableValue value = declared == null || raw == null ? VariableValue.of(raw)
                    : typed((String) declared, raw);
            if (value instanceof VariableValue.Text t && t.value().length() > MAX_TEXT) {
                problems.add(new FieldProblem("config.value", "must be at most " + MAX_TEXT + " characters"));
            }
            return new VariableDefinition.Static(value, (String) declared);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            problems.add(new FieldProblem("config.value", declared == null ? e.getMessage()
                    : "is not a valid " + declared + ": " + e.getMessage()));
            return new VariableDefinition.Static(new VariableValue.Null(), null);
        }
    }

    private static VariableValue typed(String type, Object raw) {
        String text = raw.toString().strip();
        return switch (type) {
            case "string" -> new VariableValue.Text(requireText(raw));
            case "integer" -> new VariableValue.Int(new BigDecimal(text).longValueExact());
            case "decimal" -> new VariableValue.Decimal(new BigDecimal(text));
            case "boolean" -> new VariableValue.Bool(bool(raw));
            case "date" -> new VariableValue.Date(LocalDate.parse(requireText(raw).strip()));
            case "timestamp" -> timestamp(requireText(raw).strip().replace(' ', 'T'));
            default -> throw new IllegalArgumentException("unknown value_type " + type);
        };
    }

    private static VariableValue timestamp(String iso) {
        boolean zoned = iso.endsWith("Z") || iso.matches(".*T.*[+-]\\d\\d:?\\d\\d$");
        return zoned ? new VariableValue.Moment(OffsetDateTime.parse(iso).toInstant())
                : new VariableValue.Timestamp(LocalDateTime.parse(iso));
    }

    private static boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        return switch (raw.toString().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static String requireText(Object raw) {
        if (!(raw instanceof String s)) {
            throw new IllegalArgumentException("expected a string");
        }
        return s;
    }
}
