package io.dtaas.cdc;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.error.DataError;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;

/**
 * Turns a Debezium field value (Kafka Connect schema plus Debezium's semantic type names) into the Java value
 * DTaaS uses for the target column's kind (the table in {@link ColumnKind}). Times arrive as epoch counts in
 * micro-, milli- or nanoseconds, decimals as {@link BigDecimal} ({@code decimal.handling.mode=precise}) or
 * Debezium's variable-scale struct.
 */
public final class DebeziumValues {

    private DebeziumValues() {
    }

    public static Object convert(Schema schema, Object value, ColumnType target, String where) {
        if (value == null) {
            return null;
        }
        try {
            return coerce(semantic(schema, value), target.kind());
        } catch (RuntimeException e) {
            throw new DataError(where + ": cannot read a " + schemaName(schema) + " change value as "
                    + target.kind().wireName() + " (" + e.getMessage() + ")", e);
        }
    }

    private static String schemaName(Schema schema) {
        return schema.name() != null ? schema.name() : schema.type().getName();
    }

    /** The value with Debezium's semantic types decoded: dates, times, variable-scale decimals, bytes. */
    private static Object semantic(Schema schema, Object v) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay(((Number) v).longValue());
                case "io.debezium.time.Timestamp":
                    return LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) v).longValue()), ZoneOffset.UTC);
                case "io.debezium.time.MicroTimestamp":
                    return micros(((Number) v).longValue());
                case "io.debezium.time.NanoTimestamp": {
                    long nanos = ((Number) v).longValue();
                    return LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                            Math.floorMod(nanos, 1_000_000_000L)), ZoneOffset.UTC);
                }
                case "io.debezium.time.ZonedTimestamp":
                    return OffsetDateTime.parse(v.toString()).toInstant();
                case "io.debezium.time.Time":
                    return LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L);
                case "io.debezium.time.MicroTime":
                    return LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000L);
                case "io.debezium.time.NanoTime":
                    return LocalTime.ofNanoOfDay(((Number) v).longValue());
                case "io.debezium.data.VariableScaleDecimal": {
                    Struct s = (Struct) v;
                    return new BigDecimal(new BigInteger(bytes(s.get("value"))), s.getInt32("scale"));
                }
                default:
                    break;
            }
        }
        if (v instanceof ByteBuffer || v instanceof byte[]) {
            return bytes(v);
        }
        return v;
    }

    private static LocalDateTime micros(long micros) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L), ZoneOffset.UTC);
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        ByteBuffer buffer = ((ByteBuffer) v).duplicate();
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return b;
    }

    private static Object coerce(Object v, ColumnKind kind) {
        return switch (kind) {
            case BOOLEAN -> v instanceof Boolean b ? b : ((Number) v).longValue() != 0;
            case INT16, INT32 -> v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue();
            case INT64 -> ((Number) v).longValue();
            case FLOAT32 -> ((Number) v).floatValue();
            case FLOAT64 -> ((Number) v).doubleValue();
            case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case BINARY -> v instanceof byte[] b ? b : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case DATE -> v instanceof LocalDateTime t ? t.toLocalDate() : (LocalDate) v;
            case TIME -> (LocalTime) v;
            case TIMESTAMP -> v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : (LocalDateTime) v;
            case TIMESTAMP_TZ -> v instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : (Instant) v;
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> text(v);
        };
    }

    private static String text(Object v) {
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        }
        return v.toString();
    }
}
