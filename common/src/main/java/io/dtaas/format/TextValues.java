package io.dtaas.format;

import io.dtaas.data.ColumnKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * The canonical text of a non-null value, as CSV writes every value and JSON lines writes the kinds JSON has
 * no type for. Documented in {@code docs/type-mapping.md}; readers parse it back without loss:
 * <ul>
 *   <li>numbers: Java's shortest round-trip form ({@code 0.1}, {@code 1.0E300}); {@code NaN}, {@code Infinity},
 *       {@code -Infinity}; DECIMAL as plain digits with the value's own scale, never an exponent</li>
 *   <li>BINARY: base64 (RFC 4648, padded)</li>
 *   <li>DATE, TIME, TIMESTAMP: ISO-8601 with seconds always and as many fraction digits as needed
 *       ({@code 1969-12-31T23:59:59.999999}); TIMESTAMP_TZ: the instant in UTC with {@code Z}</li>
 * </ul>
 */
public final class TextValues {

    private TextValues() {
    }

    /** @throws ClassCastException when the value is not the Java type {@link ColumnKind} documents */
    public static String of(ColumnKind kind, Object value) {
        return switch (kind) {
            case BOOLEAN -> ((Boolean) value).toString();
            case INT16, INT32 -> ((Integer) value).toString();
            case INT64 -> ((Long) value).toString();
            case FLOAT32 -> Float.toString((Float) value);
            case FLOAT64 -> Double.toString((Double) value);
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> (String) value;
            case BINARY -> base64((byte[]) value);
            case DATE -> IsoTemporalText.date((LocalDate) value);
            case TIME -> IsoTemporalText.time((LocalTime) value);
            case TIMESTAMP -> IsoTemporalText.dateTime((LocalDateTime) value, "");
            case TIMESTAMP_TZ -> IsoTemporalText.dateTime(((Instant) value).atOffset(ZoneOffset.UTC).toLocalDateTime(), "Z");
        };
    }

    /**
     * The value a canonical text stands for: the inverse of {@link #of}. Text that does not parse as the kind (a
     * damaged file) is returned as it is.
     */
    public static Object parse(ColumnKind kind, String text) {
        try {
            return switch (kind) {
                case BOOLEAN -> text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : text;
                case INT16, INT32 -> Integer.valueOf(text);
                case INT64 -> Long.valueOf(text);
                case FLOAT32 -> Float.valueOf(text);
                case FLOAT64 -> Double.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> text;
                case BINARY -> Base64.getDecoder().decode(text);
                case DATE -> LocalDate.parse(text);
                case TIME -> LocalTime.parse(text);
                case TIMESTAMP -> LocalDateTime.parse(text);
                case TIMESTAMP_TZ -> text.endsWith("Z")
                        ? LocalDateTime.parse(text.substring(0, text.length() - 1)).toInstant(ZoneOffset.UTC) : text;
            };
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return text;
        }
    }

    /** A value read from a file as the column's kind: text where the kind is not text (decimals kept as text) parsed. */
    public static Object asKind(ColumnKind kind, Object value) {
        return value instanceof String text && !kind.isText() ? parse(kind, text) : value;
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
