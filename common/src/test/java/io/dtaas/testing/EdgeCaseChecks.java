package io.dtaas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.testing.EdgeCaseBatch.Case;
import io.dtaas.testing.FileReadBack.ParquetContent;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static io.dtaas.testing.EdgeCaseBatch.CASES;
import static io.dtaas.testing.EdgeCaseBatch.ROWS;
import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that a file read back holds {@link EdgeCaseBatch} exactly as documented, value by value. */
public final class EdgeCaseChecks {

    private EdgeCaseChecks() {
    }

    public static void assertCsv(byte[] utf8) {
        String raw = new String(utf8, StandardCharsets.UTF_8);
        List<String> names = CASES.stream().map(c -> c.column().name()).toList();
        assertThat(raw).startsWith(String.join(",", names) + "\r\n");
        // The all-NULL row is nothing but separators; the empty string and empty binary are quoted.
        assertThat(raw).contains("\r\n" + ",".repeat(CASES.size() - 1) + "\r\n");
        assertThat(raw).contains(",\"\",");
        List<List<String>> records = FileReadBack.csv(utf8);
        assertThat(records).hasSize(ROWS + 1);
        assertThat(records.get(0)).containsExactlyElementsOf(names);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < CASES.size(); c++) {
                assertSame(records.get(r + 1).get(c), CASES.get(c).csv().get(r), "CSV", r, c);
            }
        }
    }

    public static void assertJsonLines(byte[] utf8) {
        String raw = new String(utf8, StandardCharsets.UTF_8);
        assertThat(raw).contains("\"c_float32\":\"NaN\"").contains("\"c_int64\":-9223372036854775808");
        List<JsonNode> rows = FileReadBack.jsonLines(utf8);
        assertThat(rows).hasSize(ROWS);
        List<String> names = CASES.stream().map(c -> c.column().name()).toList();
        for (int r = 0; r < ROWS; r++) {
            List<String> keys = new ArrayList<>();
            rows.get(r).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as("keys of row %d", r).containsExactlyElementsOf(names);
            for (int c = 0; c < CASES.size(); c++) {
                JsonNode expected = FileReadBack.json(CASES.get(c).json().get(r));
                assertSame(rows.get(r).get(names.get(c)), expected, "JSON", r, c);
            }
        }
    }

    public static void assertParquet(ParquetContent file, CompressionCodecName codec) {
        assertThat(file.codecs()).isEqualTo(Set.of(codec));
        assertThat(file.schema().getFieldCount()).isEqualTo(CASES.size());
        for (int c = 0; c < CASES.size(); c++) {
            Case expected = CASES.get(c);
            Type field = file.schema().getType(c);
            assertThat(field.getName()).isEqualTo(expected.column().name());
            assertThat(field.getRepetition()).as(field.getName()).isEqualTo(Type.Repetition.OPTIONAL);
            PrimitiveType primitive = field.asPrimitiveType();
            assertThat(primitive.getPrimitiveTypeName()).as(field.getName()).isEqualTo(expected.physical());
            assertThat(primitive.getLogicalTypeAnnotation()).as(field.getName()).isEqualTo(expected.logical());
        }
        assertThat(file.schema().getType("c_decimal_38_10").asPrimitiveType().getTypeLength()).isEqualTo(16);
        assertThat(file.rows()).hasSize(ROWS);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < CASES.size(); c++) {
                assertSame(parquetValue(file.rows().get(r), c, CASES.get(c).parquet().get(r)),
                        CASES.get(c).parquet().get(r), "Parquet", r, c);
            }
        }
    }

    private static Object parquetValue(Group row, int c, Object expected) {
        if (row.getFieldRepetitionCount(c) == 0) {
            return null;
        }
        return switch (expected) {
            case null -> "a value where NULL was expected";
            case Boolean b -> row.getBoolean(c, 0);
            case Integer i -> row.getInteger(c, 0);
            case Long l -> row.getLong(c, 0);
            case Float f -> row.getFloat(c, 0);
            case Double d -> row.getDouble(c, 0);
            case String s -> row.getBinary(c, 0).toStringUsingUTF8();
            case byte[] bytes -> row.getBinary(c, 0).getBytes();
            case BigDecimal d -> new BigDecimal(new BigInteger(row.getBinary(c, 0).getBytes()),
                    ((DecimalLogicalTypeAnnotation) row.getType().getType(c).getLogicalTypeAnnotation()).getScale());
            default -> throw new IllegalArgumentException("no Parquet reading for " + expected.getClass());
        };
    }

    /** Equality that prints a short message for the 1 MiB values and compares arrays and NaN by content. */
    private static void assertSame(Object actual, Object expected, String format, int row, int column) {
        boolean equal = actual instanceof byte[] a && expected instanceof byte[] e
                ? java.util.Arrays.equals(a, e)
                : Objects.equals(actual, expected);
        if (!equal) {
            throw new AssertionError(format + " row " + row + ", column " + CASES.get(column).column().name()
                    + ": expected " + shorten(expected) + " but was " + shorten(actual));
        }
    }

    private static String shorten(Object value) {
        String text = value instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " chars)" : text;
    }
}
