package io.dtaas.transform.expr;

import io.dtaas.error.DataError;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Runtime operations on expression values. Values are normalized first ({@link #normalize}): every integer is
 * a Long, every float a Double; the other kinds keep their {@link io.dtaas.data.ColumnKind} Java class.
 */
public final class Values {

    private static final java.time.format.DateTimeFormatter TIME_TEXT = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter();
    private static final java.time.format.DateTimeFormatter TIMESTAMP_TEXT = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(TIME_TEXT).toFormatter();

    private Values() {
    }

    public static Object normalize(Object v) {
        return switch (v) {
            case null -> null;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> f.doubleValue();
            case java.math.BigInteger b -> new BigDecimal(b);
            default -> v;
        };
    }

    /** Orders two non-null values of comparable types (numbers with numbers, dates with timestamps, ...). */
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || y instanceof Double) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return decimal(x).compareTo(decimal(y));
        }
        if (isTemporal(a) && isTemporal(b) && a.getClass() != b.getClass()) {
            return instant(a).compareTo(instant(b));
        }
        return switch (a) {
            case String s when b instanceof String t -> s.compareTo(t);
            case Boolean x when b instanceof Boolean y -> Boolean.compare(x, y);
            case LocalDate x when b instanceof LocalDate y -> x.compareTo(y);
            case LocalDateTime x when b instanceof LocalDateTime y -> x.compareTo(y);
            case Instant x when b instanceof Instant y -> x.compareTo(y);
            case LocalTime x when b instanceof LocalTime y -> x.compareTo(y);
            case byte[] x when b instanceof byte[] y -> Arrays.compare(x, y);
            default -> text(a).compareTo(text(b));
        };
    }

    private static boolean isTemporal(Object v) {
        return v instanceof LocalDate || v instanceof LocalDateTime || v instanceof Instant;
    }

    /** Dates and zone-less timestamps are read as UTC when compared with instants. */
    private static Instant instant(Object v) {
        return switch (v) {
            case LocalDate d -> d.atStartOfDay().toInstant(ZoneOffset.UTC);
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            default -> (Instant) v;
        };
    }

    public static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> BigDecimal.valueOf(f.doubleValue());
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    /** Widens a number to {@code type}; other values are returned unchanged. */
    public static Object coerce(Object v, ExprType type) {
        if (!(v instanceof Number n)) {
            if (type == ExprType.TIMESTAMP && v instanceof LocalDate d) {
                return d.atStartOfDay();
            }
            return v;
        }
        return switch (type) {
            case DOUBLE -> n.doubleValue();
            case DECIMAL -> decimal(n);
            default -> v;
        };
    }

    /** {@code + - * / %} on two non-null numbers, with the result type rules of the expression language. */
    public static Object arithmetic(String op, Object a, Object b, int position) {
        Number x = (Number) a;
        Number y = (Number) b;
        if (x instanceof Double || y instanceof Double) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            return switch (op) {
                case "+" -> p + q;
                case "-" -> p - q;
                case "*" -> p * q;
                case "/" -> p / q;
                default -> p % q;
            };
        }
        if (x instanceof Long p && y instanceof Long q && !op.equals("/")) {
            try {
                return switch (op) {
                    case "+" -> Math.addExact(p, q);
                    case "-" -> Math.subtractExact(p, q);
                    case "*" -> Math.multiplyExact(p, q);
                    default -> {
                        requireNonZero(q.longValue() == 0, position);
                        yield p % q;
                    }
                };
            } catch (ArithmeticException overflow) {
                throw new DataError("integer overflow in " + p + " " + op + " " + q + " (expression position "
                        + position + ")", null);
            }
        }
        BigDecimal p = decimal(x);
        BigDecimal q = decimal(y);
        return switch (op) {
            case "+" -> p.add(q);
            case "-" -> p.subtract(q);
            case "*" -> p.multiply(q);
            case "/" -> {
                requireNonZero(q.signum() == 0, position);
                BigDecimal r = p.divide(q, MathContext.DECIMAL128);
                yield r.scale() < 0 ? r.setScale(0, RoundingMode.UNNECESSARY) : r;
            }
            default -> {
                requireNonZero(q.signum() == 0, position);
                yield p.remainder(q);
            }
        };
    }

    private static void requireNonZero(boolean zero, int position) {
        if (zero) {
            throw new DataError("division by zero (expression position " + position + ")", null);
        }
    }

    public static Object negate(Object v) {
        return switch (v) {
            case Long l -> {
                if (l == Long.MIN_VALUE) {
                    throw new DataError("integer overflow negating " + l, null);
                }
                yield -l;
            }
            case Double d -> -d;
            case BigDecimal d -> d.negate();
            default -> throw new IllegalArgumentException("not a number: " + v);
        };
    }

    /** A value as text: decimals without exponent, temporals in ISO-8601, binary as hex. */
    public static String text(Object v) {
        return switch (v) {
            case BigDecimal d -> d.toPlainString();
            case byte[] b -> HexFormat.of().formatHex(b);
            case LocalDateTime t -> TIMESTAMP_TEXT.format(t);
            case LocalTime t -> TIME_TEXT.format(t);
            default -> String.valueOf(v);
        };
    }
}
