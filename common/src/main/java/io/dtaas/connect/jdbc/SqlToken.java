package io.dtaas.connect.jdbc;

import java.util.Locale;

/**
 * One token of SQL text as {@link SqlTokenizer} reads it; comments and white space are not tokens.
 *
 * @param start the token's first character in the text
 * @param end   one past its last character
 * @param text  the token as written
 */
public record SqlToken(Kind kind, int start, int end, String text) {

    /** What a token is, as far as a statement guard needs to know. */
    public enum Kind {
        /** a keyword or unquoted name */
        WORD,
        /** a quoted name: {@code "a"}, {@code `a`}, {@code [a]} */
        QUOTED_NAME,
        /** a string constant of any quoting */
        STRING,
        /** a number, or a positional parameter */
        NUMBER,
        /** an operator or punctuation character ({@code :=} is one token) */
        SYMBOL,
        /** the statement separator */
        SEMICOLON
    }

    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The word in upper case; empty for anything but a word. */
    public String keyword() {
        return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : "";
    }
}
