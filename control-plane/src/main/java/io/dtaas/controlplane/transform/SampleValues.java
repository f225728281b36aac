package io.dtaas.controlplane.transform;

import io.dtaas.connect.SourceLookup;
import io.dtaas.connect.catalog.ResultBudget;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.expr.Values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows and types as a preview answers them: JSON numbers, booleans and strings (dates in ISO-8601), each text
 * value cut at {@link ResultBudget#MAX_VALUE_CHARS} characters (binary at {@link ResultBudget#MAX_VALUE_BYTES}
 * bytes), and rows left out once the sample holds {@link SourceLookup#HEAD_BUDGET_CHARS} (as the rows read are
 * counted, so a read cut by that budget shows here as {@code size_truncated}).
 */
final class SampleValues {

    private SampleValues() {
    }

    /** @param checkpoint called per row; throws to stop (the preview's deadline) */
    static PreviewResult.Sample of(TableSchema schema, List<Object[]> rows, Runnable checkpoint) {
        List<PreviewResult.SampleColumn> columns = schema.columns().stream()
                .map(c -> new PreviewResult.SampleColumn(c.name(), typeName(c.type()))).toList();
        List<List<Object>> out = new ArrayList<>(Math.min(rows.size(), 1_000));
        List<List<Integer>> cut = new ArrayList<>();
        long size = 0;
        for (Object[] row : rows) {
            checkpoint.run();
            if (size >= SourceLookup.HEAD_BUDGET_CHARS) {
                return new PreviewResult.Sample(columns, out, !cut.isEmpty(), cut, true);
            }
            size += SourceLookup.rowSize(row);
            List<Object> values = new ArrayList<>(row.length);
            for (int i = 0; i < row.length; i++) {
                Object shown = shown(row[i]);
                if (shown instanceof Cut c) {
                    cut.add(List.of(out.size(), i));
                    shown = c.text;
                }
                values.add(shown);
            }
            out.add(values);
        }
        // rows that reach the budget end the read too (SourceLookup.head), so reaching it means rows may be missing
        return new PreviewResult.Sample(columns, out, !cut.isEmpty(), cut, size >= SourceLookup.HEAD_BUDGET_CHARS);
    }

    static PreviewResult.Sample of(Batch batch, Runnable checkpoint) {
        return of(batch.schema(), batch.rows(), checkpoint);
    }

    private record Cut(String text) {
    }

    private static Object shown(Object v) {
        if (v instanceof byte[] b && b.length > ResultBudget.MAX_VALUE_BYTES) {
            return new Cut("\\x" + HexFormat.of().formatHex(b, 0, ResultBudget.MAX_VALUE_BYTES));
        }
        Object json = json(v);
        if (json instanceof String s && s.length() > ResultBudget.MAX_VALUE_CHARS && !(v instanceof byte[])) {
            return new Cut(ResultBudget.cut(s, ResultBudget.MAX_VALUE_CHARS));
        }
        return json;
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
