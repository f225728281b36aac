package io.dtaas.transform;

import io.dtaas.data.TableSchema;

/** {@code add_suffix}: {@code suffix} after the column's text; {@code {{variable}}} placeholders allowed. */
record AddSuffix(String column, String suffix) implements Transformation {

    static AddSuffix from(ConfigReader r) {
        return new AddSuffix(r.name("column"), r.text("suffix", null, true));
    }

    @Override
    public TransformationType type() {
        return TransformationType.ADD_SUFFIX;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        String s = Variables.render(suffix, context, "suffix");
        return TextColumn.bind(input, column, "add_suffix", v -> v + s);
    }
}
