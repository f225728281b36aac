package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;

import java.util.ArrayList;
import java.util.List;

/** Schema lookups and edits shared by the transformation types; problems name the {@code config.<field>}. */
final class Schemas {

    private Schemas() {
    }

    static int column(TableSchema schema, String name, String field) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new ConfigError("config." + field, "unknown column \"" + name + "\"; columns here: " + names(schema));
        }
        return i;
    }

    static List<String> names(TableSchema schema) {
        return schema.columns().stream().map(Column::name).toList();
    }

    static void requireAbsent(TableSchema schema, String name, String field) {
        if (schema.indexOf(name) >= 0) {
            throw new ConfigError("config." + field, "column \"" + name + "\" already exists");
        }
    }

    /** A text column (string, json, uuid, ...): the text transformations work on these only. */
    static Column text(TableSchema schema, String name, String field, String type) {
        Column c = schema.columns().get(column(schema, name, field));
        if (!c.type().kind().isText()) {
            throw new ConfigError("config." + field, type + " works on text, and column \"" + name + "\" is "
                    + c.type().kind().wireName() + "; cast it to string first");
        }
        return c;
    }

    static boolean isTemporal(ColumnKind kind) {
        return kind == ColumnKind.DATE || kind == ColumnKind.TIMESTAMP || kind == ColumnKind.TIMESTAMP_TZ;
    }

    /** {@code schema} with column {@code i} replaced (primary key names follow a rename). */
    static TableSchema replace(TableSchema schema, int i, Column column) {
        List<Column> columns = new ArrayList<>(schema.columns());
        String old = columns.get(i).name();
        columns.set(i, column);
        List<String> pk = schema.primaryKey().stream().map(k -> k.equals(old) ? column.name() : k).toList();
        return new TableSchema(schema.table(), columns, pk);
    }

    static TableSchema append(TableSchema schema, Column column) {
        List<Column> columns = new ArrayList<>(schema.columns());
        columns.add(column);
        return new TableSchema(schema.table(), columns, schema.primaryKey());
    }

    /** Without column {@code i}; a primary key losing a column is no key any more, so it is dropped. */
    static TableSchema remove(TableSchema schema, int i) {
        List<Column> columns = new ArrayList<>(schema.columns());
        Column gone = columns.remove(i);
        List<String> pk = schema.primaryKey().contains(gone.name()) ? List.of() : schema.primaryKey();
        return new TableSchema(schema.table(), columns, pk);
    }

    /** Text for error messages: values are cut short so a message never carries a whole document. */
    static String show(Object value) {
        String s = value instanceof byte[] b ? "binary of " + b.length + " bytes" : io.dtaas.transform.expr.Values.text(value);
        return s.length() > 60 ? "'" + s.substring(0, 57) + "...'" : "'" + s + "'";
    }
}
