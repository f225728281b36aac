package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.Locale;

/** {@code lowercase}: the column's text in lower case (locale-independent). */
record Lowercase(String column) implements Transformation {

    static Lowercase from(ConfigReader r) {
        return new Lowercase(r.name("column"));
    }

    @Override
    public TransformationType type() {
        return TransformationType.LOWERCASE;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        return TextColumn.bind(input, column, "lowercase", s -> s.toLowerCase(Locale.ROOT));
    }
}
