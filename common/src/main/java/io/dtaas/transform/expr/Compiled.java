package io.dtaas.transform.expr;

/**
 * A bound expression: its static type and how to evaluate it on one row. Thread-safe and stateless, so one
 * instance serves every chunk of a table at once.
 *
 * @param constant true when the value depends on no column (literals, variables, and operations on them)
 */
public record Compiled(ExprType type, Fn fn, boolean constant) {

    /** Evaluates on a row aligned with the schema the expression was bound to. */
    @FunctionalInterface
    public interface Fn {
        Object eval(Object[] row);
    }

    public Object eval(Object[] row) {
        return fn.eval(row);
    }

    static Compiled of(Object value) {
        Object v = Values.normalize(value);
        return new Compiled(ExprType.ofValue(v), row -> v, true);
    }

    /** For predicates: true only when the value is TRUE (NULL and FALSE both reject, as in SQL WHERE). */
    public boolean test(Object[] row) {
        return Boolean.TRUE.equals(fn.eval(row));
    }
}
