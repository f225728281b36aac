package io.dtaas.transform;

import io.dtaas.data.ColumnType;
import io.dtaas.transform.expr.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Value conversions for cast, fill_null and add_column. Each method returns the target kind's Java value (see
 * {@link io.dtaas.data.ColumnKind}) or throws {@link IllegalArgumentException} saying why it cannot.
 */
final class Conversions {

    private Conversions() {
    }

    static Object cast(Object v, CastType to, DateTimeFormatter format) {
        Object value = Values.normalize(v);
        return switch (to.kind()) {
            case STRING -> format != null && value instanceof java.time.temporal.TemporalAccessor t
                    ? format.format(value instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : t) : Values.text(value);
            case INTEGER -> Math.toIntExact(integral(value));
            case BIGINT -> integral(value);
            case DECIMAL -> decimal(value, to.precision(), to.scale());
            case DOUBLE -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(text(value));
            case BOOLEAN -> bool(value);
            case DATE -> date(value, format);
            case TIMESTAMP -> timestamp(value, format);
        };
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s.strip();
        }
        throw new IllegalArgumentException("not text");
    }

    private static long integral(Object v) {
        BigDecimal d = switch (v) {
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Double x -> {
                if (x.isNaN() || x.isInfinite()) {
                    throw new IllegalArgumentException("not a finite number");
                }
                yield BigDecimal.valueOf(x);
            }
            case Number n -> Values.decimal(n);
            default -> new BigDecimal(text(v));
        };
        return d.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static BigDecimal decimal(Object v, Integer precision, Integer scale) {
        BigDecimal d = switch (v) {
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Double x -> {
                if (x.isNaN() || x.isInfinite()) {
                    throw new IllegalArgumentException("not a finite number");
                }
                yield BigDecimal.valueOf(x);
            }
            case Number n -> Values.decimal(n);
            default -> new BigDecimal(text(v));
        };
        if (scale != null) {
            d = d.setScale(scale, RoundingMode.HALF_UP);
        }
        if (precision != null && d.precision() - d.scale() > precision - (scale == null ? 0 : scale)) {
            throw new IllegalArgumentException("too large for decimal(" + precision + "," + scale + ")");
        }
        return d;
    }

    private static Boolean bool(Object v) {
        return switch (v) {
            case Boolean b -> b;
            case Number n -> Values.decimal(n).signum() != 0;
            default -> switch (text(v).toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1", "on" -> true;
                case "false", "f", "no", "n", "0", "off" -> false;
                default -> throw new IllegalArgumentException("not a boolean");
            };
        };
    }

    private static LocalDate date(Object v, DateTimeFormatter format) {
        return switch (v) {
            case LocalDate d -> d;
            case LocalDateTime t -> t.toLocalDate();
            case Instant i -> i.atOffset(ZoneOffset.UTC).toLocalDate();
            default -> format != null ? LocalDate.parse(text(v), format) : LocalDate.parse(text(v));
        };
    }

    private static LocalDateTime timestamp(Object v, DateTimeFormatter format) {
        return switch (v) {
            case LocalDate d -> d.atStartOfDay();
            case LocalDateTime t -> t;
            case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
            default -> {
                String s = text(v);
                if (format != null) {
                    yield LocalDateTime.parse(s, format);
                }
                yield s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T'));
            }
        };
    }

    /** A JSON scalar from a config (fill_null's value) as a value of column type {@code type}. */
    static Object toColumn(Object json, ColumnType type) {
        Object v = Values.normalize(json);
        try {
            return switch (type.kind()) {
                case BOOLEAN -> bool(v);
                case INT16 -> {
                    long l = integral(v);
                    if (l < Short.MIN_VALUE || l > Short.MAX_VALUE) {
                        throw new IllegalArgumentException("out of range for int16");
                    }
                    yield (int) l;
                }
                case INT32 -> Math.toIntExact(integral(v));
                case INT64 -> integral(v);
                case FLOAT32 -> v instanceof Number n ? n.floatValue() : Float.parseFloat(text(v));
                case FLOAT64 -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(text(v));
                case DECIMAL -> decimal(v, type.precision(), type.scale());
                case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> Values.text(v);
                case DATE -> date(v, null);
                case TIME -> LocalTime.parse(text(v));
                case TIMESTAMP -> timestamp(v, null);
                case TIMESTAMP_TZ -> v instanceof String s ? instant(s.strip()) : timestamp(v, null).toInstant(ZoneOffset.UTC);
                case BINARY -> throw new IllegalArgumentException("binary columns cannot take a value from JSON");
            };
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not a valid " + type.kind().wireName());
        }
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException noOffset) {
            return timestamp(s, null).toInstant(ZoneOffset.UTC);
        }
    }
}
