package io.dtaas.connect.jdbc;

import io.dtaas.connect.jdbc.SqlLexicon.Backslash;
import io.dtaas.connect.jdbc.SqlToken.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens exactly as the server whose {@link SqlLexicon} and session {@link LexicalSettings}
 * it is given would: quotes of every kind, line and block comments (nested where the server nests them), and the
 * statement separator. Each rule mirrors the server's own lexer (PostgreSQL's scan.l, MySQL's sql_lex.cc); the
 * differential tests compare its statement counts with the real servers'.
 */
public final class SqlTokenizer {

    private final String sql;
    private final SqlLexicon lex;
    private final LexicalSettings session;
    private final List<SqlToken> tokens = new ArrayList<>();

    private SqlTokenizer(String sql, SqlLexicon lex, LexicalSettings session) {
        this.sql = sql;
        this.lex = lex;
        this.session = session;
    }

    /** @throws SqlTextException for an unterminated quote or comment (the server would refuse the text too) */
    public static List<SqlToken> tokens(String sql, SqlLexicon lex, LexicalSettings session) {
        SqlTokenizer t = new SqlTokenizer(sql, lex, session);
        int i = 0;
        while (i < sql.length()) {
            i = t.step(i);
        }
        return List.copyOf(t.tokens);
    }

    /** Text the server would refuse to read at all. */
    public static final class SqlTextException extends RuntimeException {
        SqlTextException(String message) {
            super(message, null, false, false);
        }
    }

    private int step(int i) {
        char c = sql.charAt(i);
        char next = at(i + 1);
        if (c <= ' ') { // only ASCII spaces and controls: to PostgreSQL other characters are name characters
            return i + 1;
        }
        if (c == '-' && next == '-' && (!lex.dashNeedsSpace() || isMysqlSpaceOrControl(at(i + 2)))) {
            return lineComment(i);
        }
        if (c == '#' && lex.hashComments() || c == '/' && next == '/' && lex.slashComments()) {
            return lineComment(i);
        }
        if (c == '/' && next == '*') {
            return blockComment(i);
        }
        if (c == '\'') {
            return quoted(i, i, '\'', Kind.STRING, backslashIn(lex.singleQuoteEscapes()));
        }
        if (c == '"') {
            boolean name = lex.doubleQuoteEscapes() != Backslash.SETTING || session.ansiQuotes();
            return quoted(i, i, '"', name ? Kind.QUOTED_NAME : Kind.STRING,
                    !name && backslashIn(lex.doubleQuoteEscapes()));
        }
        if (c == '`' && lex.backticks()) {
            return quoted(i, i, '`', Kind.QUOTED_NAME, false);
        }
        if (c == '[' && lex.brackets()) {
            return quoted(i, i, ']', Kind.QUOTED_NAME, false);
        }
        if (c == '$' && lex.dollarQuotes()) {
            return dollar(i);
        }
        if (c == ';') {
            return add(Kind.SEMICOLON, i, i + 1);
        }
        if (isWordStart(c)) {
            return word(i);
        }
        if (c >= '0' && c <= '9' || c == '.' && next >= '0' && next <= '9') {
            return number(i);
        }
        if (c == ':' && next == '=') {
            return add(Kind.SYMBOL, i, i + 2);
        }
        return add(Kind.SYMBOL, i, i + 1);
    }

    /** A word, or the prefix of a string that the word introduces (E'..', U&'..', B'..', X'..', q'[..]'). */
    private int word(int start) {
        int i = start + 1;
        while (i < sql.length() && isWordPart(sql.charAt(i))) {
            i++;
        }
        String word = sql.substring(start, i);
        char after = at(i);
        if (after == '\'' && i - start == 1) {
            char p = Character.toLowerCase(word.charAt(0));
            if (p == 'e' && lex.escapeStrings()) {
                return quoted(start, i, '\'', Kind.STRING, true);
            }
            if ((p == 'b' || p == 'x') && lex.escapeStrings()) {
                return quoted(start, i, '\'', Kind.STRING, false); // PostgreSQL bit strings: no escapes ever
            }
        }
        if (lex.escapeStrings() && word.equalsIgnoreCase("u") && after == '&' && (at(i + 1) == '\'' || at(i + 1) == '"')) {
            // PostgreSQL U&'...' and U&"...": the backslash starts a Unicode escape, never a quote escape
            return quoted(start, i + 1, at(i + 1), at(i + 1) == '"' ? Kind.QUOTED_NAME : Kind.STRING, false);
        }
        if (lex.oracleQuotes() && after == '\'' && (word.equalsIgnoreCase("q") || word.equalsIgnoreCase("nq"))) {
            return oracleQuoted(start, i);
        }
        return add(Kind.WORD, start, i);
    }

    private int number(int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                || sql.charAt(i) == '.')) {
            i++;
        }
        return add(Kind.NUMBER, start, i);
    }

    /**
     * A quoted string or name opening at {@code open}; the closing character doubled stands for itself, and a
     * backslash escapes the next character where {@code escapes}.
     */
    private int quoted(int tokenStart, int open, char close, Kind kind, boolean escapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && escapes) {
                i += 2;
            } else if (c == close && at(i + 1) == close) {
                i += 2;
            } else if (c == close) {
                return add(kind, tokenStart, i + 1);
            } else {
                i++;
            }
        }
        throw new SqlTextException("unterminated " + (kind == Kind.STRING ? "string" : "quoted name")
                + " starting at position " + (tokenStart + 1));
    }

    /** PostgreSQL {@code $tag$...$tag$}; {@code $1} is a parameter and a lone {@code $} an operator character. */
    private int dollar(int start) {
        int i = start + 1;
        if (at(i) >= '0' && at(i) <= '9') {
            return number(start);
        }
        if (isWordStart(at(i))) {
            i++;
            while (i < sql.length() && isWordPart(sql.charAt(i)) && sql.charAt(i) != '$') {
                i++;
            }
        }
        if (at(i) != '$') {
            return add(Kind.SYMBOL, start, start + 1);
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        if (close < 0) {
            throw new SqlTextException("unterminated " + tag + " string starting at position " + (start + 1));
        }
        return add(Kind.STRING, start, close + tag.length());
    }

    /** Oracle's {@code q'<delimiter>...<delimiter>'}, where brackets close with their partner. */
    private int oracleQuoted(int start, int quote) {
        char open = at(quote + 1);
        if (open == 0 || Character.isWhitespace(open)) {
            throw new SqlTextException("invalid q'...' string starting at position " + (start + 1));
        }
        int pair = "[{(<".indexOf(open);
        char close = pair >= 0 ? "]})>".charAt(pair) : open;
        int end = sql.indexOf(close + "'", quote + 2);
        if (end < 0) {
            throw new SqlTextException("unterminated q'...' string starting at position " + (start + 1));
        }
        return add(Kind.STRING, start, end + 2);
    }

    private int lineComment(int start) {
        int i = start;
        // MySQL/MariaDB end a comment at a line feed only; PostgreSQL and the others at a carriage return too
        while (i < sql.length() && sql.charAt(i) != '\n' && (lex.hashComments() || sql.charAt(i) != '\r')) {
            i++;
        }
        return i;
    }

    private int blockComment(int start) {
        int end = blockCommentEnd(sql, start, lex.nestedComments());
        if (end < 0) {
            throw new SqlTextException("unterminated comment starting at position " + (start + 1));
        }
        return end;
    }

    /** Where the block comment opening at {@code start} ends (past its close), or -1 when it never closes. */
    public static int blockCommentEnd(String sql, int start, boolean nested) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i) && (depth == 0 || nested)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private boolean backslashIn(Backslash rule) {
        return switch (rule) {
            case LITERAL -> false;
            case ESCAPE -> true;
            case SETTING -> session.backslashEscapes();
        };
    }

    private int add(Kind kind, int start, int end) {
        tokens.add(new SqlToken(kind, start, end, sql.substring(start, end)));
        return end;
    }

    private char at(int i) {
        return i >= 0 && i < sql.length() ? sql.charAt(i) : 0;
    }

    /** MySQL's "-- " rule: a space or control character (or the end of the text) must follow. */
    private static boolean isMysqlSpaceOrControl(char c) {
        return c <= ' ' || c == 127;
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c >= '0' && c <= '9' || c == '$';
    }
}
