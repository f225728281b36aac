package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.expr.Compiled;
import io.dtaas.transform.expr.ExprType;
import io.dtaas.transform.expr.Expression;
import io.dtaas.transform.expr.Values;

import java.util.List;

/**
 * {@code conditional}: {@code target} = CASE WHEN {@code when} THEN {@code then} ELSE {@code else} END, each an
 * expression (text literals in single quotes). No {@code else} gives NULL. {@code target} is replaced in place
 * when it exists, else appended. More branches: a CASE expression in add_column.
 */
record Conditional(String target, Expression when, Expression then, Expression otherwise) implements Transformation {

    static Conditional from(ConfigReader r) {
        return new Conditional(r.name("target"), r.expression("when", true), r.expression("then", true),
                r.expression("else", false));
    }

    @Override
    public TransformationType type() {
        return TransformationType.CONDITIONAL;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        Compiled test = Expressions.bind(when, input, context, "when");
        if (test.type() != ExprType.BOOLEAN && !test.type().isOpen()) {
            throw new ConfigError("config.when", "must be a condition (true/false), but gives " + test.type().wireName());
        }
        Compiled yes = Expressions.bind(then, input, context, "then");
        Compiled no = otherwise == null ? null : Expressions.bind(otherwise, input, context, "else");
        ExprType type = no == null ? yes.type() : ExprType.common(yes.type(), no.type());
        if (type == null) {
            throw new ConfigError("config.else", "gives " + no.type().wireName() + " but then gives "
                    + yes.type().wireName() + "; both must be of one type");
        }
        String field = "conditional " + target;
        return new DeriveColumns(input, List.of(new Column(target, type.columnType(), true)), row -> {
            Compiled chosen = test.test(row) ? yes : no;
            return new Object[]{chosen == null ? null : Values.coerce(Expressions.eval(chosen, row, field), type)};
        });
    }
}
