package io.dtaas.transform;

import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;

import java.util.Optional;

/** {@code drop_column}: the column is not written. Dropping a primary-key column drops the key. */
record DropColumn(String column) implements Transformation {

    static DropColumn from(ConfigReader r) {
        return new DropColumn(r.name("column"));
    }

    @Override
    public TransformationType type() {
        return TransformationType.DROP_COLUMN;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int i = Schemas.column(input, column, "column");
        if (input.columns().size() == 1) {
            throw new ConfigError("config.column", "\"" + column + "\" is the only column left; a table needs one");
        }
        TableSchema output = Schemas.remove(input, i);
        return new RowStep() {
            @Override
            public TableSchema output() {
                return output;
            }

            @Override
            public Object[] apply(Object[] row) {
                Object[] out = new Object[row.length - 1];
                System.arraycopy(row, 0, out, 0, i);
                System.arraycopy(row, i + 1, out, i, row.length - i - 1);
                return out;
            }

            @Override
            public Optional<String> unchanged(String name) {
                return name.equals(column) ? Optional.empty() : Optional.of(name);
            }
        };
    }
}
