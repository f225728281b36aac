package io.dtaas.transform.expr;

import io.dtaas.data.TableSchema;

import java.util.Map;

/**
 * An expression of the transformation language (docs/transformations.md): SQL-like, evaluated by our own
 * small interpreter over one row, never by a script engine and without reflection. Parse once, bind to each
 * table schema it runs on.
 */
public final class Expression {

    private final String text;
    private final Node root;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** @throws ExpressionException pointing at the position of the first syntax error */
    public static Expression parse(String text) {
        return new Expression(text, Parser.parse(text));
    }

    /**
     * Resolves columns against {@code schema} and variables against {@code variables}, and checks types.
     *
     * @param variablesKnown false while validating before a run: a variable missing from {@code variables}
     *                       is then accepted with an unknown type instead of being an error
     * @throws ExpressionException at the position of an unknown column or variable or a type mismatch
     */
    public Compiled bind(TableSchema schema, Map<String, Object> variables, boolean variablesKnown) {
        return new Compiler(schema, variables, variablesKnown).compile(root);
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
