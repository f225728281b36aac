package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.expr.Values;

import java.util.List;

/**
 * {@code concat}: the text of {@code columns} joined by {@code separator} into {@code target}. NULLs are
 * skipped (with their separator); all NULL gives NULL.
 */
record Concat(List<String> columns, String separator, String target) implements Transformation {

    static Concat from(ConfigReader r) {
        return new Concat(r.strings("columns", true), r.text("separator", "", false), r.name("target"));
    }

    @Override
    public TransformationType type() {
        return TransformationType.CONCAT;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int[] from = RowKeys.indexes(input, columns, "columns");
        String sep = Variables.render(separator, context, "separator");
        Column result = new Column(target, ColumnType.of(ColumnKind.STRING), true);
        return new DeriveColumns(input, List.of(result), row -> {
            StringBuilder out = null;
            for (int c : from) {
                if (row[c] != null) {
                    out = out == null ? new StringBuilder() : out.append(sep);
                    out.append(Values.text(Values.normalize(row[c])));
                }
            }
            return new Object[]{out == null ? null : out.toString()};
        });
    }
}
