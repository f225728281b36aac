package io.dtaas.connect.jdbc;

import io.dtaas.error.ConfigError;

import java.util.Locale;
import java.util.Set;

/**
 * Admits one read-only statement for the database browser: a single statement (a trailing semicolon is
 * fine) that starts with a reading keyword. It is a guard for clear errors, not the security boundary:
 * the statement still runs in a read-only transaction that is rolled back.
 */
public final class SqlStatementGuard {

    private static final Set<String> READING_KEYWORDS =
            Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DESCRIBE", "DESC");
    public static final int MAX_LENGTH = 100_000;

    private SqlStatementGuard() {
    }

    /** @return the statement without a trailing semicolon */
    public static String requireSingleReadStatement(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new ConfigError("sql", "is required");
        }
        if (sql.length() > MAX_LENGTH) {
            throw new ConfigError("sql", "must be at most " + MAX_LENGTH + " characters");
        }
        Scan scan = scan(sql);
        String statement = sql.substring(0, scan.end).strip();
        String keyword = firstKeyword(statement);
        if (!READING_KEYWORDS.contains(keyword)) {
            throw new ConfigError("sql", "only a single read-only statement is allowed (SELECT, WITH, VALUES, SHOW,"
                    + " EXPLAIN); found " + (keyword.isEmpty() ? "no statement" : keyword));
        }
        if (scan.intoPosition >= 0) {
            throw new ConfigError("sql", "SELECT ... INTO writes data and is not allowed here (position "
                    + (scan.intoPosition + 1) + ")");
        }
        return statement;
    }

    /** Where the statement ends and where an unquoted INTO stands (-1: none). */
    private record Scan(int end, int intoPosition) {
    }

    /** Finds the terminating semicolon (or the text's end); throws if anything but comments follows it. */
    private static Scan scan(String sql) {
        int into = -1;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '[') {
                i = skipQuoted(sql, i, ']');
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipLineComment(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '$') {
                i = skipDollarQuoted(sql, i);
            } else if (c == ';') {
                if (!onlyCommentsFrom(sql, i + 1)) {
                    throw new ConfigError("sql", "only one statement is allowed; found more after the ';' at position "
                            + (i + 1));
                }
                return new Scan(i, into);
            } else if (Character.isLetter(c) || c == '_') {
                int wordEnd = wordEnd(sql, i);
                if (into < 0 && wordEnd - i == 4 && sql.regionMatches(true, i, "INTO", 0, 4)) {
                    into = i; // SELECT ... INTO writes: tables, files or variables
                }
                i = wordEnd;
            } else {
                i++;
            }
        }
        return new Scan(n, into);
    }

    private static int wordEnd(String sql, int start) {
        int i = start;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static boolean onlyCommentsFrom(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (sql.startsWith("--", i)) {
                i = skipLineComment(sql, i);
            } else if (sql.startsWith("/*", i)) {
                i = skipBlockComment(sql, i);
            } else {
                return false;
            }
        }
        return true;
    }

    private static int skipQuoted(String sql, int start, char close) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && close == '\'') {
                i += 2; // MySQL-style escape; harmless elsewhere because it only ever skips inside a literal
                continue;
            }
            if (c == close) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new ConfigError("sql", "unterminated quote starting at position " + (start + 1));
    }

    private static int skipLineComment(String sql, int start) {
        int newline = sql.indexOf('\n', start);
        return newline < 0 ? sql.length() : newline + 1;
    }

    private static int skipBlockComment(String sql, int start) {
        int close = sql.indexOf("*/", start + 2);
        if (close < 0) {
            throw new ConfigError("sql", "unterminated comment starting at position " + (start + 1));
        }
        return close + 2;
    }

    /** PostgreSQL dollar quoting: $$...$$ or $tag$...$tag$; a lone $ (e.g. $1) is skipped as one character. */
    private static int skipDollarQuoted(String sql, int start) {
        int tagEnd = start + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, tagEnd + 1);
        if (tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
            return start + 1;
        }
        int close = sql.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw new ConfigError("sql", "unterminated " + tag + " quote starting at position " + (start + 1));
        }
        return close + tag.length();
    }

    private static String firstKeyword(String statement) {
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (statement.startsWith("--", i)) {
                i = skipLineComment(statement, i);
            } else if (statement.startsWith("/*", i)) {
                i = skipBlockComment(statement, i);
            } else {
                break;
            }
        }
        int start = i;
        while (i < statement.length() && Character.isLetter(statement.charAt(i))) {
            i++;
        }
        return statement.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
