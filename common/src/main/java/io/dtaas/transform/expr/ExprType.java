package io.dtaas.transform.expr;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;

/**
 * The static type of an expression. {@link #NULL} is the type of the literal {@code NULL} and fits anywhere;
 * {@link #ANY} is a variable whose value is not known yet (validation before a run): it passes every check.
 */
public enum ExprType {
    BOOLEAN, INTEGER, DECIMAL, DOUBLE, STRING, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, NULL, ANY;

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == DOUBLE;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP || this == TIMESTAMP_TZ;
    }

    /** Unknown or null: no check can fail on it. */
    public boolean isOpen() {
        return this == NULL || this == ANY;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ExprType of(ColumnKind kind) {
        return switch (kind) {
            case BOOLEAN -> BOOLEAN;
            case INT16, INT32, INT64 -> INTEGER;
            case FLOAT32, FLOAT64 -> DOUBLE;
            case DECIMAL -> DECIMAL;
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> STRING;
            case BINARY -> BINARY;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMP_TZ -> TIMESTAMP_TZ;
        };
    }

    /** The column type an expression of this type produces; its values are what {@link Values#normalize} gives. */
    public ColumnType columnType() {
        return switch (this) {
            case BOOLEAN -> ColumnType.of(ColumnKind.BOOLEAN);
            case INTEGER -> ColumnType.of(ColumnKind.INT64);
            case DECIMAL -> ColumnType.of(ColumnKind.DECIMAL);
            case DOUBLE -> ColumnType.of(ColumnKind.FLOAT64);
            case STRING, NULL, ANY -> ColumnType.of(ColumnKind.STRING);
            case BINARY -> ColumnType.of(ColumnKind.BINARY);
            case DATE -> ColumnType.of(ColumnKind.DATE);
            case TIME -> ColumnType.of(ColumnKind.TIME);
            case TIMESTAMP -> ColumnType.of(ColumnKind.TIMESTAMP);
            case TIMESTAMP_TZ -> ColumnType.of(ColumnKind.TIMESTAMP_TZ);
        };
    }

    /**
     * The one type values of {@code a} and {@code b} can share: numbers widen, a date joins a timestamp, NULL
     * fits anything; null when they cannot (text and a number).
     */
    public static ExprType common(ExprType a, ExprType b) {
        if (a == ANY || b == ANY) {
            return ANY;
        }
        if (a == NULL || a == b) {
            return b;
        }
        if (b == NULL) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return a == DOUBLE || b == DOUBLE ? DOUBLE : DECIMAL;
        }
        if (a.isTemporal() && b.isTemporal() && a != TIMESTAMP_TZ && b != TIMESTAMP_TZ) {
            return TIMESTAMP;
        }
        return null;
    }

    /** The type of a Java value as expressions see it (after {@link Values#normalize}). */
    public static ExprType ofValue(Object v) {
        return switch (v) {
            case null -> NULL;
            case Boolean b -> BOOLEAN;
            case Long l -> INTEGER;
            case java.math.BigDecimal d -> DECIMAL;
            case Double d -> DOUBLE;
            case String s -> STRING;
            case byte[] b -> BINARY;
            case java.time.LocalDate d -> DATE;
            case java.time.LocalTime t -> TIME;
            case java.time.LocalDateTime t -> TIMESTAMP;
            case java.time.Instant i -> TIMESTAMP_TZ;
            default -> STRING;
        };
    }
}
