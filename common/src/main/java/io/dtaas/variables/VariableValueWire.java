package io.dtaas.variables;


import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A {@link VariableValue} as JSON carries it between processes (gateway replies, jobs): its type and its value as text, so a decimal keeps its
 * scale and a timestamp its zone (or lack of one) on the way back.
 */
public record VariableValueWire(String valueType, String text) {

    public static VariableValueWire of(VariableValue value) {
        Object plain = value.plain();
        return new VariableValueWire(value.valueType(), plain == null ? null : plain.toString());
    }

    public VariableValue value() {
        return switch (valueType) {
            case "string" -> new VariableValue.Text(text);
            case "integer" -> new VariableValue.Int(Long.parseLong(text));
            case "decimal" -> new VariableValue.Decimal(new BigDecimal(text));
            case "boolean" -> new VariableValue.Bool(Boolean.parseBoolean(text));
            case "date" -> new VariableValue.Date(LocalDate.parse(text));
            case "timestamp" -> text.endsWith("Z") ? new VariableValue.Moment(Instant.parse(text))
                    : new VariableValue.Timestamp(LocalDateTime.parse(text));
            case "null" -> new VariableValue.Null();
            default -> throw new IllegalArgumentException("unknown variable value type " + valueType);
        };
    }
}
