package io.dtaas.data;

import java.util.List;

/**
 * The shape of a table being moved: columns in order and the primary key (empty when the table has none).
 */
public record TableSchema(TableRef table, List<Column> columns, List<String> primaryKey) {

    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public TableSchema withTable(TableRef other) {
        return new TableSchema(other, columns, primaryKey);
    }
}
