package io.dtaas.cluster;

import io.dtaas.data.Batch;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A {@link Batch} as a gateway reply carries it: each value as JSON text or number by its column's kind, and
 * rebuilt by that kind on the other side, so a preview from a worker has the same Java values as one read
 * in-process (decimals keep their scale, NaN stays NaN, bytes stay bytes).
 */
public record BatchWire(TableSchema schema, List<List<Object>> rows) {

    public static BatchWire of(Batch batch) {
        List<List<Object>> rows = new ArrayList<>(batch.rows().size());
        for (Object[] row : batch.rows()) {
            List<Object> out = new ArrayList<>(row.length);
            for (int i = 0; i < row.length; i++) {
                out.add(encode(row[i], batch.schema().columns().get(i).type().kind()));
            }
            rows.add(out);
        }
        return new BatchWire(batch.schema(), rows);
    }

    public Batch batch() {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = decode(row.get(i), schema.columns().get(i).type().kind());
            }
            out.add(values);
        }
        return new Batch(schema, out);
    }

    private static Object encode(Object v, ColumnKind kind) {
        if (v == null) {
            return null;
        }
        return switch (kind) {
            case BOOLEAN, INT16, INT32, INT64, STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> v;
            case BINARY -> Base64.getEncoder().encodeToString((byte[]) v);
            case FLOAT32, FLOAT64, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> v.toString();
        };
    }

    private static Object decode(Object v, ColumnKind kind) {
        if (v == null) {
            return null;
        }
        return switch (kind) {
            case BOOLEAN -> (Boolean) v;
            case INT16, INT32 -> ((Number) v).intValue();
            case INT64 -> ((Number) v).longValue();
            case FLOAT32 -> Float.parseFloat(v.toString());
            case FLOAT64 -> Double.parseDouble(v.toString());
            case DECIMAL -> new BigDecimal(v.toString());
            case BINARY -> Base64.getDecoder().decode(v.toString());
            case DATE -> LocalDate.parse(v.toString());
            case TIME -> LocalTime.parse(v.toString());
            case TIMESTAMP -> LocalDateTime.parse(v.toString());
            case TIMESTAMP_TZ -> Instant.parse(v.toString());
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> v.toString();
        };
    }
}
