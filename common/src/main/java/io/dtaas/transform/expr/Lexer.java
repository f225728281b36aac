package io.dtaas.transform.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens; positions are 1-based. */
final class Lexer {

    private static final int MAX_LENGTH = 10_000;

    private final String text;
    private int at;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException(MAX_LENGTH + 1, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        Lexer lexer = new Lexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (!t.is(Token.Kind.END));
        return out;
    }

    private Token next() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        int start = at;
        if (at >= text.length()) {
            return new Token(Token.Kind.END, "", start + 1);
        }
        char c = text.charAt(at);
        if (Character.isDigit(c) || (c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            return new Token(Token.Kind.IDENT, text.substring(start, at), start + 1);
        }
        return switch (c) {
            case '\'' -> new Token(Token.Kind.STRING, quoted('\'', "string"), start + 1);
            case '"' -> new Token(Token.Kind.QUOTED_IDENT, quoted('"', "quoted column name"), start + 1);
            case '`' -> new Token(Token.Kind.QUOTED_IDENT, quoted('`', "quoted column name"), start + 1);
            case '(' -> single(Token.Kind.LPAREN, start);
            case ')' -> single(Token.Kind.RPAREN, start);
            case ',' -> single(Token.Kind.COMMA, start);
            case '{' -> variable(start);
            default -> operator(start);
        };
    }

    private Token single(Token.Kind kind, int start) {
        at++;
        return new Token(kind, text.substring(start, at), start + 1);
    }

    private Token number(int start) {
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int mark = at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (at >= text.length() || !Character.isDigit(text.charAt(at))) {
                throw new ExpressionException(mark + 1, "malformed number exponent");
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
        }
        if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
            throw new ExpressionException(at + 1, "unexpected '" + text.charAt(at) + "' after a number");
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, at), start + 1);
    }

    /** A quoted run; the quote character doubled stands for itself. */
    private String quoted(char quote, String what) {
        int start = at++;
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == quote) {
                if (at < text.length() && text.charAt(at) == quote) {
                    value.append(quote);
                    at++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
        throw new ExpressionException(start + 1, "unterminated " + what + " (missing closing " + quote + ")");
    }

    private Token variable(int start) {
        if (!text.startsWith("{{", at)) {
            throw new ExpressionException(start + 1, "unexpected '{'; variables are written {{name}}");
        }
        int end = text.indexOf("}}", at + 2);
        if (end < 0) {
            throw new ExpressionException(start + 1, "unterminated variable (missing '}}')");
        }
        String name = text.substring(at + 2, end).strip();
        if (!Templates.isVariableName(name)) {
            throw new ExpressionException(start + 1, "'" + name + "' is not a variable name (letters, digits, _ and .)");
        }
        at = end + 2;
        return new Token(Token.Kind.VARIABLE, name, start + 1);
    }

    private Token operator(int start) {
        for (String op : List.of("<=", ">=", "<>", "!=", "||", "=", "<", ">", "+", "-", "*", "/", "%")) {
            if (text.startsWith(op, at)) {
                at += op.length();
                return new Token(Token.Kind.OPERATOR, op, start + 1);
            }
        }
        throw new ExpressionException(start + 1, "unexpected character '" + text.charAt(at) + "'");
    }
}
