package io.dtaas.format.parquet;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.format.parquet.ParquetColumn.UnwritableValue;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static io.dtaas.format.parquet.ParquetColumn.NOT_REPEATED;
import static io.dtaas.format.parquet.ParquetColumn.PRESENT;

import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.jsonType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timeType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;

/**
 * The Parquet mapping of each {@link io.dtaas.data.ColumnKind} (the table in {@code docs/type-mapping.md}).
 * Every field is OPTIONAL, so a NULL is simply an absent value. Temporal values are stored in microseconds,
 * the finest unit every common reader (Spark, Trino, DuckDB, pandas) understands; finer digits are dropped.
 */
final class ParquetColumns {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private ParquetColumns() {
    }

    static ParquetColumn of(Column column) {
        String name = column.name();
        ColumnType type = column.type();
        return switch (type.kind()) {
            case BOOLEAN -> new ParquetColumn(optional(PrimitiveTypeName.BOOLEAN, null, name),
                    (out, v) -> out.write((Boolean) v, NOT_REPEATED, PRESENT));
            case INT16 -> new ParquetColumn(optional(PrimitiveTypeName.INT32, intType(16, true), name),
                    (out, v) -> out.write(int16((Integer) v), NOT_REPEATED, PRESENT));
            case INT32 -> new ParquetColumn(optional(PrimitiveTypeName.INT32, null, name),
                    (out, v) -> out.write((Integer) v, NOT_REPEATED, PRESENT));
            case INT64 -> new ParquetColumn(optional(PrimitiveTypeName.INT64, null, name),
                    (out, v) -> out.write((Long) v, NOT_REPEATED, PRESENT));
            case FLOAT32 -> new ParquetColumn(optional(PrimitiveTypeName.FLOAT, null, name),
                    (out, v) -> out.write((Float) v, NOT_REPEATED, PRESENT));
            case FLOAT64 -> new ParquetColumn(optional(PrimitiveTypeName.DOUBLE, null, name),
                    (out, v) -> out.write((Double) v, NOT_REPEATED, PRESENT));
            case DECIMAL -> DecimalColumn.fits(type) ? new DecimalColumn(type).column(name) : DecimalColumn.asText(name);
            case STRING, INTERVAL, ARRAY, OTHER, UUID -> text(name, stringType());
            case JSON -> text(name, jsonType());
            case BINARY -> new ParquetColumn(optional(PrimitiveTypeName.BINARY, null, name),
                    (out, v) -> out.write(Binary.fromConstantByteArray((byte[]) v), NOT_REPEATED, PRESENT));
            case DATE -> new ParquetColumn(optional(PrimitiveTypeName.INT32, dateType(), name),
                    (out, v) -> out.write(epochDay((LocalDate) v), NOT_REPEATED, PRESENT));
            case TIME -> new ParquetColumn(optional(PrimitiveTypeName.INT64, timeType(false, TimeUnit.MICROS), name),
                    (out, v) -> out.write(((LocalTime) v).toNanoOfDay() / 1000, NOT_REPEATED, PRESENT));
            case TIMESTAMP -> new ParquetColumn(
                    optional(PrimitiveTypeName.INT64, timestampType(false, TimeUnit.MICROS), name),
                    (out, v) -> out.write(micros((LocalDateTime) v), NOT_REPEATED, PRESENT));
            case TIMESTAMP_TZ -> new ParquetColumn(
                    optional(PrimitiveTypeName.INT64, timestampType(true, TimeUnit.MICROS), name),
                    (out, v) -> out.write(micros((Instant) v), NOT_REPEATED, PRESENT));
        };
    }

    static ParquetColumn text(String name, LogicalTypeAnnotation annotation) {
        return new ParquetColumn(optional(PrimitiveTypeName.BINARY, annotation, name),
                (out, v) -> out.write(utf8((String) v), NOT_REPEATED, PRESENT));
    }

    /**
     * Text as UTF-8 in an array-backed binary: the same bytes as {@link Binary#fromString}, without its
     * {@code ByteBuffer} per value, and array-backed binaries compare (statistics) and hash (dictionaries) faster.
     */
    static Binary utf8(String text) {
        return Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    static org.apache.parquet.schema.PrimitiveType optional(PrimitiveTypeName primitive,
                                                            LogicalTypeAnnotation annotation, String name) {
        return Types.optional(primitive).as(annotation).named(name);
    }

    private static int int16(int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new UnwritableValue(value + " is out of range for int16", null);
        }
        return value;
    }

    private static int epochDay(LocalDate date) {
        long day = date.toEpochDay();
        if (day < Integer.MIN_VALUE || day > Integer.MAX_VALUE) {
            throw new UnwritableValue("date " + date + " is out of Parquet's DATE range", null);
        }
        return (int) day;
    }

    private static long micros(LocalDateTime timestamp) {
        return micros(timestamp.toEpochSecond(ZoneOffset.UTC), timestamp.getNano(), timestamp);
    }

    private static long micros(Instant instant) {
        return micros(instant.getEpochSecond(), instant.getNano(), instant);
    }

    /** {@code nano} is never negative (java.time counts it forward), so the division floors. */
    private static long micros(long epochSecond, int nano, Object value) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond, MICROS_PER_SECOND), nano / 1000);
        } catch (ArithmeticException e) {
            throw new UnwritableValue(value + " is out of range for microseconds since 1970", e);
        }
    }
}
