package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The common shape of transformations that compute columns from a row: each target column is replaced where
 * it exists, or appended.
 */
final class DeriveColumns implements RowStep {

    private final TableSchema output;
    private final int[] positions;
    private final List<String> targets;
    private final Function<Object[], Object[]> values;

    /** @param values computes the targets' values, in the order of {@code targets}, from an input row */
    DeriveColumns(TableSchema input, List<Column> targets, Function<Object[], Object[]> values) {
        TableSchema schema = input;
        this.positions = new int[targets.size()];
        for (int t = 0; t < targets.size(); t++) {
            int existing = schema.indexOf(targets.get(t).name());
            if (existing >= 0) {
                schema = Schemas.replace(schema, existing, targets.get(t));
                positions[t] = existing;
            } else {
                schema = Schemas.append(schema, targets.get(t));
                positions[t] = schema.columns().size() - 1;
            }
        }
        this.output = schema;
        this.targets = targets.stream().map(Column::name).toList();
        this.values = values;
    }

    @Override
    public TableSchema output() {
        return output;
    }

    @Override
    public Object[] apply(Object[] row) {
        Object[] computed = values.apply(row);
        Object[] out = java.util.Arrays.copyOf(row, output.columns().size());
        for (int t = 0; t < positions.length; t++) {
            out[positions[t]] = computed[t];
        }
        return out;
    }

    @Override
    public Optional<String> unchanged(String column) {
        return targets.contains(column) ? Optional.empty() : Optional.of(column);
    }
}
