package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DataError;
import io.dtaas.transform.expr.Compiled;
import io.dtaas.transform.expr.ExprType;
import io.dtaas.transform.expr.Expression;
import io.dtaas.transform.expr.Templates;
import io.dtaas.transform.expr.Values;

import java.util.List;

/**
 * {@code add_column}: appends column {@code name} holding either a constant {@code value} (text may contain
 * {@code {{variable}}} placeholders; exactly {@code {{name}}} takes the variable's own type) or the result of
 * {@code expression} per row. {@code data_type} converts the value to one of cast's types.
 */
record AddColumn(String name, Object value, boolean hasValue, Expression expression, CastType dataType)
        implements Transformation {

    static AddColumn from(ConfigReader r) {
        String name = r.name("name");
        boolean hasValue = r.present("value");
        Object value = r.scalar("value");
        Expression expression = r.expression("expression", false);
        if (hasValue == r.present("expression")) {
            r.problem(hasValue ? "expression" : "value", "give either value (a constant) or expression, not "
                    + (hasValue ? "both" : "neither"));
        }
        String type = r.string("data_type", null);
        CastType dataType = type == null ? null : CastType.parse(type, null, null);
        if (type != null && dataType == null) {
            r.problem("data_type", "unknown type '" + type + "'; one of " + CastType.NAMES);
        }
        return new AddColumn(name, value, hasValue, expression, dataType);
    }

    @Override
    public TransformationType type() {
        return TransformationType.ADD_COLUMN;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        Schemas.requireAbsent(input, name, "name");
        return expression != null ? computed(input, context) : constant(input, context);
    }

    private Step computed(TableSchema input, TransformContext context) {
        Compiled compiled = Expressions.bind(expression, input, context, "expression");
        if (dataType == null) {
            return new DeriveColumns(input, List.of(new Column(name, compiled.type().columnType(), true)),
                    row -> new Object[]{Expressions.eval(compiled, row, "add_column " + name)});
        }
        if (!compiled.type().isOpen() && !dataType.accepts(compiled.type().columnType().kind())) {
            throw new ConfigError("config.data_type", "the expression gives " + compiled.type().wireName()
                    + ", which cannot be converted to " + dataType);
        }
        return new DeriveColumns(input, List.of(new Column(name, dataType.columnType(), true)), row -> {
            Object v = Expressions.eval(compiled, row, "add_column " + name);
            try {
                return new Object[]{v == null ? null : Conversions.cast(v, dataType, null)};
            } catch (RuntimeException e) {
                throw new DataError("add_column " + name + ": " + Schemas.show(v) + " is not a valid " + dataType, null);
            }
        });
    }

    private Step constant(TableSchema input, TransformContext context) {
        Object v = value;
        boolean known = true;
        if (value instanceof String s && Templates.soleVariable(s) != null) {
            String variable = Templates.soleVariable(s);
            known = context.variables().containsKey(variable);
            if (!known && context.variablesKnown()) {
                throw new ConfigError("config.value", "unknown variable {{" + variable + "}}");
            }
            v = known ? Values.normalize(context.variables().get(variable)) : null;
        } else if (value instanceof String s) {
            v = Variables.render(s, context, "value");
        }
        ColumnType type;
        Object fixed;
        if (dataType != null) {
            type = dataType.columnType();
            try {
                fixed = v == null ? null : Conversions.cast(v, dataType, null);
            } catch (RuntimeException e) {
                throw new ConfigError("config.value", Schemas.show(v) + " is not a valid " + dataType);
            }
        } else {
            fixed = Values.normalize(v);
            type = known ? ExprType.ofValue(fixed).columnType() : ExprType.STRING.columnType();
        }
        return new DeriveColumns(input, List.of(new Column(name, type, fixed == null)), row -> new Object[]{fixed});
    }
}
