package io.dtaas.testing;

import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.decimalType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.jsonType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timeType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;

/**
 * Five rows covering every {@link ColumnKind} with its edge values (NULLs, NaN and infinities, numeric(38,10),
 * dates in years 1, 1969 and 9999, microsecond timestamps, a 1 MiB text, emoji, CJK, quotes, newlines, commas,
 * backslashes, binary with zero bytes), and, written out by hand, what each file format must hold for each
 * value as {@code docs/type-mapping.md} documents it.
 */
public final class EdgeCaseBatch {

    public static final TableRef TABLE = new TableRef("edge", "all_kinds");
    public static final String TRICKY = "emoji 😀 CJK 漢字 \"quoted\", comma\nLF\r\nCRLF \\back\\slash\ttab";
    public static final String LARGE = large();
    public static final byte[] ALL_BYTES = allBytes();

    /**
     * One column's values and their expected forms.
     *
     * @param csv      the CSV field's text per row; null: an empty unquoted field
     * @param json     the JSON value per row, as JSON text
     * @param parquet  the value read back from Parquet per row: Boolean, Integer, Long, Float, Double, String
     *                 (UTF-8 binary), byte[] (raw binary) or BigDecimal (a DECIMAL, with its stored scale)
     */
    public record Case(Column column, List<Object> values, List<String> csv, List<String> json, List<Object> parquet,
                       PrimitiveTypeName physical, LogicalTypeAnnotation logical) {
    }

    public static final List<Case> CASES = List.of(
            same("c_boolean", ColumnKind.BOOLEAN, PrimitiveTypeName.BOOLEAN, null,
                    list(true, false, true, null, false), list("true", "false", "true", null, "false")),
            same("c_int16", ColumnKind.INT16, PrimitiveTypeName.INT32, intType(16, true),
                    list(1, -32768, 32767, null, 0), list("1", "-32768", "32767", null, "0")),
            same("c_int32", ColumnKind.INT32, PrimitiveTypeName.INT32, null,
                    list(42, Integer.MIN_VALUE, Integer.MAX_VALUE, null, -1),
                    list("42", "-2147483648", "2147483647", null, "-1")),
            same("c_int64", ColumnKind.INT64, PrimitiveTypeName.INT64, null,
                    list(1234567890123L, Long.MIN_VALUE, Long.MAX_VALUE, null, 0L),
                    list("1234567890123", "-9223372036854775808", "9223372036854775807", null, "0")),
            new Case(col("c_float32", ColumnType.of(ColumnKind.FLOAT32)),
                    list(0.1f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, null, Float.NaN),
                    list("0.1", "-Infinity", "Infinity", null, "NaN"),
                    list("0.1", "\"-Infinity\"", "\"Infinity\"", "null", "\"NaN\""),
                    list(0.1f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, null, Float.NaN),
                    PrimitiveTypeName.FLOAT, null),
            new Case(col("c_float64", ColumnType.of(ColumnKind.FLOAT64)),
                    list(1.0E300, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, Double.NaN),
                    list("1.0E300", "-Infinity", "Infinity", null, "NaN"),
                    list("1.0E300", "\"-Infinity\"", "\"Infinity\"", "null", "\"NaN\""),
                    list(1.0E300, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, Double.NaN),
                    PrimitiveTypeName.DOUBLE, null),
            new Case(col("c_decimal_38_10", ColumnType.decimal(38, 10)),
                    list(dec("12345678901234567890.1234567890"), dec("-9999999999999999999999999999.9999999999"),
                            dec("0.0000000001"), null, dec("1.5")),
                    list("12345678901234567890.1234567890", "-9999999999999999999999999999.9999999999",
                            "0.0000000001", null, "1.5"),
                    list("\"12345678901234567890.1234567890\"", "\"-9999999999999999999999999999.9999999999\"",
                            "\"0.0000000001\"", "null", "\"1.5\""),
                    list(dec("12345678901234567890.1234567890"), dec("-9999999999999999999999999999.9999999999"),
                            dec("0.0000000001"), null, dec("1.5000000000")),
                    PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, decimalType(10, 38)),
            text("c_decimal_free", ColumnType.decimal(null, null), stringType(),
                    list(dec("1E+30"), dec("-0.000001"), dec("123456789012345678901234567890123456789012.5"), null,
                            BigDecimal.ZERO),
                    list("1000000000000000000000000000000", "-0.000001",
                            "123456789012345678901234567890123456789012.5", null, "0")),
            text("c_string", ColumnType.of(ColumnKind.STRING), stringType(),
                    list("plain", "", LARGE, null, TRICKY), list("plain", "", LARGE, null, TRICKY)),
            text("c_json", ColumnType.of(ColumnKind.JSON), jsonType(),
                    list("{\"a\":[1,2,{\"b\":null}]}", "[]", "\"just a string\"", null, "{\"k\":\"v, \\\"q\\\"\"}"),
                    list("{\"a\":[1,2,{\"b\":null}]}", "[]", "\"just a string\"", null, "{\"k\":\"v, \\\"q\\\"\"}")),
            text("c_uuid", ColumnType.of(ColumnKind.UUID), stringType(),
                    list("123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000",
                            "ffffffff-ffff-ffff-ffff-ffffffffffff", null, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                    list("123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000",
                            "ffffffff-ffff-ffff-ffff-ffffffffffff", null, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
            text("c_interval", ColumnType.of(ColumnKind.INTERVAL), stringType(),
                    list("1 year 2 mons 3 days 04:05:06.789", "-00:00:01", "P1Y2M3DT4H5M6S", null, "0"),
                    list("1 year 2 mons 3 days 04:05:06.789", "-00:00:01", "P1Y2M3DT4H5M6S", null, "0")),
            text("c_array", ColumnType.of(ColumnKind.ARRAY).withSourceType("text[]"), stringType(),
                    list("{1,2,3}", "{}", "{\"a,b\",NULL,\"c\\\"d\"}", null, "{{1,2},{3,4}}"),
                    list("{1,2,3}", "{}", "{\"a,b\",NULL,\"c\\\"d\"}", null, "{{1,2},{3,4}}")),
            text("c_other", ColumnType.of(ColumnKind.OTHER).withSourceType("point"), stringType(),
                    list("(1,2)", "<(0,0),1>", "192.168.0.1/24", null, ""),
                    list("(1,2)", "<(0,0),1>", "192.168.0.1/24", null, "")),
            new Case(col("c_binary", ColumnType.of(ColumnKind.BINARY)),
                    list(new byte[] {0, 1, 2, 0, (byte) 0xff}, new byte[0], ALL_BYTES, null, new byte[] {0, 0, 0}),
                    list("AAECAP8=", "", Base64.getEncoder().encodeToString(ALL_BYTES), null, "AAAA"),
                    list("\"AAECAP8=\"", "\"\"", "\"" + Base64.getEncoder().encodeToString(ALL_BYTES) + "\"", "null",
                            "\"AAAA\""),
                    list(new byte[] {0, 1, 2, 0, (byte) 0xff}, new byte[0], ALL_BYTES, null, new byte[] {0, 0, 0}),
                    PrimitiveTypeName.BINARY, null),
            temporal("c_date", ColumnKind.DATE, PrimitiveTypeName.INT32, dateType(),
                    list(LocalDate.of(1, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(9999, 12, 31), null,
                            LocalDate.of(1970, 1, 1)),
                    list("0001-01-01", "1969-12-31", "9999-12-31", null, "1970-01-01"),
                    list(-719162, -1, 2932896, null, 0)),
            temporal("c_time", ColumnKind.TIME, PrimitiveTypeName.INT64, timeType(false, TimeUnit.MICROS),
                    list(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), LocalTime.of(12, 34, 56, 1_000),
                            null, LocalTime.of(10, 15, 30, 500_000_000)),
                    list("00:00:00", "23:59:59.999999", "12:34:56.000001", null, "10:15:30.5"),
                    list(0L, 86_399_999_999L, 45_296_000_001L, null, 36_930_500_000L)),
            temporal("c_timestamp", ColumnKind.TIMESTAMP, PrimitiveTypeName.INT64, timestampType(false, TimeUnit.MICROS),
                    list(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), null,
                            LocalDateTime.of(2024, 2, 29, 12, 0, 0, 1_000)),
                    list("0001-01-01T00:00:00", "1969-12-31T23:59:59.999999", "9999-12-31T23:59:59.999999", null,
                            "2024-02-29T12:00:00.000001"),
                    list(-62_135_596_800_000_000L, -1L, 253_402_300_799_999_999L, null, 1_709_208_000_000_001L)),
            temporal("c_timestamp_tz", ColumnKind.TIMESTAMP_TZ, PrimitiveTypeName.INT64,
                    timestampType(true, TimeUnit.MICROS),
                    list(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                            Instant.parse("9999-12-31T23:59:59.999999Z"), null, Instant.parse("2024-06-01T10:00:00.5Z")),
                    list("0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z", null,
                            "2024-06-01T10:00:00.5Z"),
                    list(-62_135_596_800_000_000L, -1L, 253_402_300_799_999_999L, null, 1_717_236_000_500_000L)));

    public static final int ROWS = 5;

    private EdgeCaseBatch() {
    }

    public static TableSchema schema() {
        return new TableSchema(TABLE, CASES.stream().map(Case::column).toList(), List.of());
    }

    public static Batch batch() {
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            Object[] row = new Object[CASES.size()];
            for (int c = 0; c < CASES.size(); c++) {
                row[c] = CASES.get(c).values().get(r);
            }
            rows.add(row);
        }
        return new Batch(schema(), rows);
    }

    /** The value each format holds equals the Java value (ints, booleans): CSV text and JSON number alike. */
    private static Case same(String name, ColumnKind kind, PrimitiveTypeName physical, LogicalTypeAnnotation logical,
                             List<Object> values, List<String> text) {
        List<String> json = text.stream().map(t -> t == null ? "null" : t).toList();
        return new Case(col(name, ColumnType.of(kind)), values, text, json, values, physical, logical);
    }

    /** Kinds that every format holds as the same text; JSON as a string. */
    private static Case text(String name, ColumnType type, LogicalTypeAnnotation logical, List<Object> values,
                             List<String> text) {
        List<String> json = text.stream().map(t -> t == null ? "null" : Json.quote(t)).toList();
        return new Case(col(name, type), values, text, json, new ArrayList<>(text), PrimitiveTypeName.BINARY, logical);
    }

    private static Case temporal(String name, ColumnKind kind, PrimitiveTypeName physical,
                                 LogicalTypeAnnotation logical, List<Object> values, List<String> text,
                                 List<Object> parquet) {
        List<String> json = text.stream().map(t -> t == null ? "null" : Json.quote(t)).toList();
        return new Case(col(name, ColumnType.of(kind)), values, text, json, parquet, physical, logical);
    }

    private static Column col(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }

    @SafeVarargs
    private static <T> List<T> list(T... values) {
        return Arrays.asList(values);
    }

    private static String large() {
        String unit = "Zürich 東京 🚀 \"q\", line\n";
        StringBuilder sb = new StringBuilder(1024 * 1024 + unit.length());
        while (sb.length() < 1024 * 1024) {
            sb.append(unit);
        }
        return sb.toString();
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** JSON string literals, written by hand so the expectations do not come from the code under test. */
    static final class Json {
        private Json() {
        }

        static String quote(String s) {
            StringBuilder out = new StringBuilder(s.length() + 16).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append("\\u%04x".formatted((int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
