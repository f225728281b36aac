package io.dtaas.variables;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A resolved variable's value with its type, which decides how it renders: as a typed SQL literal or as text.
 */
public sealed interface VariableValue {

    /**
     * The type's wire name: {@code string}, {@code integer}, {@code decimal}, {@code date}, {@code timestamp},
     * {@code boolean} or {@code null}.
     */
    String valueType();

    /** The plain Java value: String, Long, BigDecimal, LocalDate, LocalDateTime, Instant, Boolean, or null. */
    Object plain();

    /** As JSON carries it without loss: decimals, dates and timestamps as ISO strings; null as null. */
    default Object json() {
        Object v = plain();
        return v == null || v instanceof String || v instanceof Long || v instanceof Boolean ? v : v.toString();
    }

    record Text(String value) implements VariableValue {
        public String valueType() {
            return "string";
        }

        public Object plain() {
            return value;
        }
    }

    record Int(long value) implements VariableValue {
        public String valueType() {
            return "integer";
        }

        public Object plain() {
            return value;
        }
    }

    record Decimal(BigDecimal value) implements VariableValue {
        public String valueType() {
            return "decimal";
        }

        public Object plain() {
            return value;
        }
    }

    record Bool(boolean value) implements VariableValue {
        public String valueType() {
            return "boolean";
        }

        public Object plain() {
            return value;
        }
    }

    record Date(LocalDate value) implements VariableValue {
        public String valueType() {
            return "date";
        }

        public Object plain() {
            return value;
        }
    }

    /** A date and time without a zone, as the database stored it. */
    record Timestamp(LocalDateTime value) implements VariableValue {
        public String valueType() {
            return "timestamp";
        }

        public Object plain() {
            return value;
        }
    }

    /** A point in time ({@code now}, a {@code timestamptz}); shown and rendered in UTC. */
    record Moment(Instant value) implements VariableValue {
        public String valueType() {
            return "timestamp";
        }

        public Object plain() {
            return value;
        }
    }

    record Null() implements VariableValue {
        public String valueType() {
            return "null";
        }

        public Object plain() {
            return null;
        }
    }

    /**
     * The value for a Java object from JSON or JDBC.
     *
     * @throws IllegalArgumentException for a type a variable cannot hold (binary, lists, objects) or a
     *                                  non-finite floating-point number
     */
    static VariableValue of(Object v) {
        return switch (v) {
            case null -> new Null();
            case String s -> new Text(s);
            case Boolean b -> new Bool(b);
            case Long l -> new Int(l);
            case Integer i -> new Int(i);
            case Short s -> new Int(s);
            case Byte b -> new Int(b);
            case BigInteger b -> b.bitLength() < 64 ? new Int(b.longValue()) : new Decimal(new BigDecimal(b));
            case BigDecimal d -> new Decimal(d);
            case Double d -> floating(d);
            case Float f -> floating(f.doubleValue());
            case LocalDate d -> new Date(d);
            case LocalDateTime t -> new Timestamp(t);
            case Instant i -> new Moment(i);
            case OffsetDateTime t -> new Moment(t.toInstant());
            default -> throw new IllegalArgumentException("a " + kind(v) + " cannot be a variable's value; use text,"
                    + " a number, a date, a timestamp or a boolean");
        };
    }

    private static String kind(Object v) {
        return v instanceof java.util.List<?> ? "list" : v instanceof java.util.Map<?, ?> ? "JSON object"
                : v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static VariableValue floating(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(d + " has no SQL literal; a variable's number must be finite");
        }
        return new Decimal(BigDecimal.valueOf(d));
    }
}
