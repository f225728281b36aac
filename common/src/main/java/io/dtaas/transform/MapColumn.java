package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The common shape of column transformations: one column's value replaced by a function of itself, in place.
 * NULL stays NULL unless {@code mapNulls} (fill_null).
 */
record MapColumn(TableSchema output, int index, UnaryOperator<Object> fn, boolean mapNulls) implements RowStep {

    static MapColumn of(TableSchema input, int index, Column result, UnaryOperator<Object> fn) {
        return new MapColumn(Schemas.replace(input, index, result), index, fn, false);
    }

    @Override
    public Object[] apply(Object[] row) {
        Object v = row[index];
        if (v == null && !mapNulls) {
            return row;
        }
        Object[] out = row.clone();
        out[index] = fn.apply(v);
        return out;
    }

    @Override
    public Optional<String> unchanged(String column) {
        return column.equals(output.columns().get(index).name()) ? Optional.empty() : Optional.of(column);
    }
}
