package io.dtaas.data;

import java.util.Objects;

/**
 * A table by schema and name. Users write {@code table} or {@code schema.table}; the schema may be null
 * until resolved against the source's default schema.
 */
public record TableRef(String schema, String name) {

    public TableRef {
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code schema.table} (first dot splits) or a bare {@code table}. */
    public static TableRef parse(String qualified) {
        int dot = qualified.indexOf('.');
        return dot > 0 && dot < qualified.length() - 1
                ? new TableRef(qualified.substring(0, dot), qualified.substring(dot + 1))
                : new TableRef(null, qualified);
    }

    public TableRef withSchema(String defaultSchema) {
        return schema == null ? new TableRef(defaultSchema, name) : this;
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
