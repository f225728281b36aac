package io.dtaas.transform;

import io.dtaas.data.TableSchema;

/** {@code add_prefix}: {@code prefix} before the column's text; {@code {{variable}}} placeholders allowed. */
record AddPrefix(String column, String prefix) implements Transformation {

    static AddPrefix from(ConfigReader r) {
        return new AddPrefix(r.name("column"), r.text("prefix", null, true));
    }

    @Override
    public TransformationType type() {
        return TransformationType.ADD_PREFIX;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        String p = Variables.render(prefix, context, "prefix");
        return TextColumn.bind(input, column, "add_prefix", s -> p + s);
    }
}
