package io.dtaas.controlplane.transform;

import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.expr.Values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows and types as a preview answers them: JSON numbers, booleans and strings (dates in ISO-8601). */
final class SampleValues {

    private SampleValues() {
    }

    static PreviewResult.Sample of(TableSchema schema, List<Object[]> rows) {
        List<PreviewResult.SampleColumn> columns = schema.columns().stream()
                .map(c -> new PreviewResult.SampleColumn(c.name(), typeName(c.type()))).toList();
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            out.add(Arrays.stream(row).map(SampleValues::json).toList());
        }
        return new PreviewResult.Sample(columns, out);
    }

    static PreviewResult.Sample of(Batch batch) {
        return of(batch.schema(), batch.rows());
    }

    static String typeName(ColumnType type) {
        return switch (type.kind()) {
            case INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double";
            case DECIMAL -> type.precision() == null ? "decimal"
                    : "decimal(" + type.precision() + "," + (type.scale() == null ? 0 : type.scale()) + ")";
            default -> type.kind().wireName();
        };
    }

    /** JSON has no NaN or infinities and no binary: those become text. */
    private static Object json(Object v) {
        return switch (v) {
            case null -> null;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case BigDecimal d -> d;
            case Float f -> f.isNaN() || f.isInfinite() ? f.toString() : f;
            case Double d -> d.isNaN() || d.isInfinite() ? d.toString() : d;
            case String s -> s;
            case byte[] b -> "\\x" + Values.text(b);
            case java.time.Instant i -> i.toString();
            default -> Values.text(v);
        };
    }

    static List<String> names(TableSchema schema) {
        return schema.columns().stream().map(Column::name).toList();
    }
}
