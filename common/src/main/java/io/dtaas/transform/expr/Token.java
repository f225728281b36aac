package io.dtaas.transform.expr;

/**
 * A lexical token. {@code text} is the source text for identifiers, keywords and operators, the decoded value
 * for string literals and quoted identifiers, and the variable's name for {@code {{name}}}.
 *
 * @param position 1-based character where the token starts
 */
record Token(Kind kind, String text, int position) {

    enum Kind { NUMBER, STRING, IDENT, QUOTED_IDENT, VARIABLE, OPERATOR, LPAREN, RPAREN, COMMA, END }

    boolean is(Kind k) {
        return kind == k;
    }

    /** An unquoted identifier equal to {@code keyword}, ignoring case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    String describe() {
        return switch (kind) {
            case END -> "the end of the expression";
            case STRING -> "'" + text + "'";
            case VARIABLE -> "{{" + text + "}}";
            case QUOTED_IDENT -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
