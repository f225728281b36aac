package io.dtaas.transform.expr;

import java.util.List;

/** The parsed, not yet bound, form of an expression. Every node knows the 1-based position it starts at. */
sealed interface Node {

    int position();

    /** A number, string, boolean, NULL, DATE '…' or TIMESTAMP '…' literal, already as its Java value. */
    record Literal(Object value, int position) implements Node {
    }

    record ColumnRef(String name, int position) implements Node {
    }

    /** {@code {{name}}}: a global variable's resolved value. */
    record VariableRef(String name, int position) implements Node {
    }

    /** {@code -x} or {@code NOT x}. */
    record Unary(String op, Node operand, int position) implements Node {
    }

    /** AND, OR, comparisons, arithmetic and {@code ||}; {@code op} upper-case. */
    record Binary(String op, Node left, Node right, int position) implements Node {
    }

    record InList(Node value, List<Node> items, boolean negated, int position) implements Node {
    }

    record Between(Node value, Node low, Node high, boolean negated, int position) implements Node {
    }

    record Like(Node value, Node pattern, boolean negated, int position) implements Node {
    }

    record IsNull(Node value, boolean negated, int position) implements Node {
    }

    /** A function call; {@code name} upper-case. */
    record Call(String name, List<Node> args, int position) implements Node {
    }

    /** {@code CASE WHEN c1 THEN r1 ... [ELSE e] END}; {@code otherwise} null when there is no ELSE. */
    record Case(List<Node> conditions, List<Node> results, Node otherwise, int position) implements Node {
    }
}
