package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.expr.Templates;

/**
 * {@code fill_null}: NULLs in the column become {@code value}, read as the column's type (a number for a
 * numeric column, {@code 2024-01-31} for a date, ...) or a {@code {{variable}}}.
 */
record FillNull(String column, Object value) implements Transformation {

    static FillNull from(ConfigReader r) {
        String column = r.name("column");
        Object value = r.scalar("value");
        if (value == null && !r.problems().stream().anyMatch(p -> p.field().equals("config.value"))) {
            r.problem("value", "is required (a value of the column's type)");
        }
        return new FillNull(column, value);
    }

    @Override
    public TransformationType type() {
        return TransformationType.FILL_NULL;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int i = Schemas.column(input, column, "column");
        Column c = input.columns().get(i);
        Object raw = value;
        if (value instanceof String s && Templates.soleVariable(s) != null) {
            String name = Templates.soleVariable(s);
            if (!context.variables().containsKey(name)) {
                if (context.variablesKnown()) {
                    throw new ConfigError("config.value", "unknown variable {{" + name + "}}");
                }
                return MapColumn.of(input, i, new Column(column, c.type(), false), v -> v); // validated only
            }
            raw = context.variables().get(name);
        } else if (value instanceof String s) {
            raw = Variables.render(s, context, "value");
        }
        Object fill;
        try {
            fill = raw == null ? null : Conversions.toColumn(raw, c.type());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("config.value", "cannot fill column \"" + column + "\" (" + c.type().kind().wireName()
                    + "): " + e.getMessage());
        }
        Object filled = fill;
        return new MapColumn(Schemas.replace(input, i, new Column(column, c.type(), filled == null && c.nullable())),
                i, v -> v == null ? filled : v, true);
    }
}
