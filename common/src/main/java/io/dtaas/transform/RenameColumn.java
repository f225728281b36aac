package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;

import java.util.Optional;

/** {@code rename_column}: {@code old_name} becomes {@code new_name}; values and position stay. */
record RenameColumn(String oldName, String newName) implements Transformation {

    static RenameColumn from(ConfigReader r) {
        return new RenameColumn(r.name("old_name"), r.name("new_name"));
    }

    @Override
    public TransformationType type() {
        return TransformationType.RENAME_COLUMN;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int i = Schemas.column(input, oldName, "old_name");
        if (!newName.equals(oldName)) {
            Schemas.requireAbsent(input, newName, "new_name");
        }
        Column c = input.columns().get(i);
        TableSchema output = Schemas.replace(input, i, new Column(newName, c.type(), c.nullable()));
        return new RowStep() {
            @Override
            public TableSchema output() {
                return output;
            }

            @Override
            public Object[] apply(Object[] row) {
                return row;
            }

            @Override
            public Optional<String> unchanged(String column) {
                return Optional.of(column.equals(oldName) ? newName : column);
            }
        };
    }
}
