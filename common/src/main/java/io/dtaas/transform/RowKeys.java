package io.dtaas.transform;

import io.dtaas.transform.expr.Values;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Grouping keys over some columns of a row: equal when the values are (1 = 1.0, byte arrays by content). */
final class RowKeys {

    private RowKeys() {
    }

    static List<Object> of(Object[] row, int[] columns) {
        List<Object> key = new ArrayList<>(columns.length);
        for (int c : columns) {
            key.add(canonical(row[c]));
        }
        return key;
    }

    private static Object canonical(Object v) {
        Object n = Values.normalize(v);
        return switch (n) {
            case null -> null;
            case BigDecimal d -> d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            case Long l -> BigDecimal.valueOf(l);
            case byte[] b -> ByteBuffer.wrap(b);
            default -> n;
        };
    }

    static int[] indexes(io.dtaas.data.TableSchema schema, List<String> names, String field) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Schemas.column(schema, names.get(i), field + "[" + i + "]");
        }
        return out;
    }
}
