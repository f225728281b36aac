package io.dtaas.transform;

import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.expr.Compiled;
import io.dtaas.transform.expr.ExprType;
import io.dtaas.transform.expr.Expression;

import java.util.Optional;

/**
 * {@code filter_rows}: keeps the rows for which {@code condition} is true; false and NULL drop the row, as in
 * SQL's WHERE. Example: {@code amount > 100 AND status IN ('paid','shipped')}.
 */
record FilterRows(Expression condition) implements Transformation {

    static FilterRows from(ConfigReader r) {
        return new FilterRows(r.expression("condition", true));
    }

    @Override
    public TransformationType type() {
        return TransformationType.FILTER_ROWS;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        Compiled test = Expressions.bind(condition, input, context, "condition");
        if (test.type() != ExprType.BOOLEAN && !test.type().isOpen()) {
            throw new ConfigError("config.condition", "must be a condition (true/false), but gives " + test.type().wireName());
        }
        return new RowStep() {
            @Override
            public TableSchema output() {
                return input;
            }

            @Override
            public Object[] apply(Object[] row) {
                return test.test(row) ? row : null;
            }

            @Override
            public Optional<String> unchanged(String column) {
                return Optional.of(column);
            }
        };
    }
}
