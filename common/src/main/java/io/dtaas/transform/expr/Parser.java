package io.dtaas.transform.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the expression grammar in docs/transformations.md. Precedence, loosest first:
 * OR, AND, NOT, comparison/IN/BETWEEN/LIKE/IS NULL, + - ||, * / %, unary minus.
 */
final class Parser {

    private static final Set<String> COMPARISONS = Set.of("=", "!=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE",
            "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE", "END");
    private static final int MAX_DEPTH = 100;

    private final List<Token> tokens;
    private int at;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Node parse(String text) {
        Parser p = new Parser(Lexer.tokens(text));
        if (p.peek().is(Token.Kind.END)) {
            throw new ExpressionException(1, "the expression is empty");
        }
        Node node = p.expression();
        if (!p.peek().is(Token.Kind.END)) {
            throw p.unexpected("an operator or the end of the expression");
        }
        return node;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token advance() {
        return tokens.get(at++);
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected(keyword);
        }
    }

    private void expect(Token.Kind kind, String what) {
        if (!peek().is(kind)) {
            throw unexpected(what);
        }
        at++;
    }

    private ExpressionException unexpected(String expected) {
        Token t = peek();
        return new ExpressionException(t.position(), "expected " + expected + " but found " + t.describe());
    }

    private Node expression() {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException(peek().position(), "the expression is nested too deeply");
        }
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Node or() {
        Node left = and();
        while (peek().isKeyword("OR")) {
            int pos = advance().position();
            left = new Node.Binary("OR", left, and(), pos);
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().isKeyword("AND")) {
            int pos = advance().position();
            left = new Node.Binary("AND", left, not(), pos);
        }
        return left;
    }

    private Node not() {
        if (peek().isKeyword("NOT")) {
            int pos = advance().position();
            return new Node.Unary("NOT", not(), pos);
        }
        return predicate();
    }

    private Node predicate() {
        Node left = additive();
        Token t = peek();
        if (t.is(Token.Kind.OPERATOR) && COMPARISONS.contains(t.text())) {
            advance();
            String op = t.text().equals("<>") ? "!=" : t.text();
            return new Node.Binary(op, left, additive(), t.position());
        }
        if (t.isKeyword("IS")) {
            advance();
            boolean negated = acceptKeyword("NOT");
            expectKeyword("NULL");
            return new Node.IsNull(left, negated, t.position());
        }
        boolean negated = false;
        if (t.isKeyword("NOT") && (tokens.get(at + 1).isKeyword("IN") || tokens.get(at + 1).isKeyword("BETWEEN")
                || tokens.get(at + 1).isKeyword("LIKE"))) {
            advance();
            negated = true;
        }
        Token op = peek();
        if (acceptKeyword("IN")) {
            return new Node.InList(left, list(), negated, op.position());
        }
        if (acceptKeyword("BETWEEN")) {
            Node low = additive();
            expectKeyword("AND");
            return new Node.Between(left, low, additive(), negated, op.position());
        }
        if (acceptKeyword("LIKE")) {
            return new Node.Like(left, additive(), negated, op.position());
        }
        return left;
    }

    private List<Node> list() {
        expect(Token.Kind.LPAREN, "'('");
        List<Node> items = new ArrayList<>();
        items.add(expression());
        while (peek().is(Token.Kind.COMMA)) {
            advance();
            items.add(expression());
        }
        expect(Token.Kind.RPAREN, "',' or ')'");
        return items;
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().isOperator("+") || peek().isOperator("-") || peek().isOperator("||")) {
            Token op = advance();
            left = new Node.Binary(op.text(), left, multiplicative(), op.position());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (peek().isOperator("*") || peek().isOperator("/") || peek().isOperator("%")) {
            Token op = advance();
            left = new Node.Binary(op.text(), left, unary(), op.position());
        }
        return left;
    }

    private Node unary() {
        if (peek().isOperator("-")) {
            Token op = advance();
            return new Node.Unary("-", unary(), op.position());
        }
        if (peek().isOperator("+")) {
            advance();
            return unary();
        }
        return primary();
    }

    private Node primary() {
        Token t = advance();
        return switch (t.kind()) {
            case NUMBER -> number(t);
            case STRING -> new Node.Literal(t.text(), t.position());
            case QUOTED_IDENT -> new Node.ColumnRef(t.text(), t.position());
            case VARIABLE -> new Node.VariableRef(t.text(), t.position());
            case LPAREN -> {
                Node inner = expression();
                expect(Token.Kind.RPAREN, "')'");
                yield inner;
            }
            case IDENT -> identifier(t);
            default -> {
                at--;
                throw unexpected("a value, column, function or '('");
            }
        };
    }

    private Node identifier(Token t) {
        String upper = t.text().toUpperCase(java.util.Locale.ROOT);
        switch (upper) {
            case "NULL" -> {
                return new Node.Literal(null, t.position());
            }
            case "TRUE" -> {
                return new Node.Literal(Boolean.TRUE, t.position());
            }
            case "FALSE" -> {
                return new Node.Literal(Boolean.FALSE, t.position());
            }
            case "CASE" -> {
                return caseWhen(t);
            }
            default -> {
            }
        }
        if ((upper.equals("DATE") || upper.equals("TIMESTAMP")) && peek().is(Token.Kind.STRING)) {
            return temporal(upper, advance());
        }
        if (peek().is(Token.Kind.LPAREN)) {
            advance();
            List<Node> args = new ArrayList<>();
            if (!peek().is(Token.Kind.RPAREN)) {
                args.add(expression());
                while (peek().is(Token.Kind.COMMA)) {
                    advance();
                    args.add(expression());
                }
            }
            expect(Token.Kind.RPAREN, "',' or ')'");
            return new Node.Call(upper, args, t.position());
        }
        if (RESERVED.contains(upper)) {
            throw new ExpressionException(t.position(), "expected a value, column, function or '(' but found "
                    + t.describe() + " (a keyword; quote a column of that name as \"" + t.text() + "\")");
        }
        return new Node.ColumnRef(t.text(), t.position());
    }

    private Node caseWhen(Token start) {
        List<Node> conditions = new ArrayList<>();
        List<Node> results = new ArrayList<>();
        if (!peek().isKeyword("WHEN")) {
            throw unexpected("WHEN");
        }
        while (acceptKeyword("WHEN")) {
            conditions.add(expression());
            expectKeyword("THEN");
            results.add(expression());
        }
        Node otherwise = acceptKeyword("ELSE") ? expression() : null;
        expectKeyword("END");
        return new Node.Case(conditions, results, otherwise, start.position());
    }

    private static Node number(Token t) {
        String s = t.text();
        if (s.contains("e") || s.contains("E")) {
            return new Node.Literal(Double.parseDouble(s), t.position());
        }
        if (s.contains(".")) {
            return new Node.Literal(new BigDecimal(s), t.position());
        }
        try {
            return new Node.Literal(Long.parseLong(s), t.position());
        } catch (NumberFormatException tooBig) {
            return new Node.Literal(new BigDecimal(s), t.position());
        }
    }

    private static Node temporal(String kind, Token literal) {
        try {
            Object value = kind.equals("DATE") ? LocalDate.parse(literal.text())
                    : LocalDateTime.parse(literal.text().replace(' ', 'T'));
            return new Node.Literal(value, literal.position());
        } catch (DateTimeParseException e) {
            throw new ExpressionException(literal.position(), "'" + literal.text() + "' is not a "
                    + (kind.equals("DATE") ? "date (yyyy-MM-dd)" : "timestamp (yyyy-MM-dd HH:mm:ss[.fff])"));
        }
    }
}
