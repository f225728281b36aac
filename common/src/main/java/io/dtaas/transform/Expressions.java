package io.dtaas.transform;

import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.expr.Compiled;
import io.dtaas.transform.expr.Expression;
import io.dtaas.transform.expr.ExpressionException;

/** Binds a config's expression, turning a binding error into a problem on its field with the position. */
final class Expressions {

    private Expressions() {
    }

    static Compiled bind(Expression expression, TableSchema input, TransformContext context, String field) {
        try {
            return expression.bind(input, context.variables(), context.variablesKnown());
        } catch (ExpressionException e) {
            throw new ConfigError("config." + field, e.getMessage());
        }
    }

    /** Evaluates, naming the field when a value fails (division by zero, overflow). */
    static Object eval(Compiled compiled, Object[] row, String field) {
        try {
            return compiled.eval(row);
        } catch (io.dtaas.error.DataError e) {
            throw new io.dtaas.error.DataError(field + ": " + e.getMessage(), null);
        }
    }
}
