package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.Locale;

/** {@code uppercase}: the column's text in upper case (locale-independent). */
record Uppercase(String column) implements Transformation {

    static Uppercase from(ConfigReader r) {
        return new Uppercase(r.name("column"));
    }

    @Override
    public TransformationType type() {
        return TransformationType.UPPERCASE;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        return TextColumn.bind(input, column, "uppercase", s -> s.toUpperCase(Locale.ROOT));
    }
}
