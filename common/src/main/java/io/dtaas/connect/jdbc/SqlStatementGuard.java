package io.dtaas.connect.jdbc;

import io.dtaas.connect.jdbc.SqlToken.Kind;
import io.dtaas.error.ConfigError;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the one statement in a user's SQL text, split by the server's own lexical rules ({@link SqlTokenizer}):
 * exactly one statement, optionally followed by a separator and then only white space, comments or more
 * separators. What is sent is the text before the separator, so nothing after it can reach the server. The
 * dialect's {@link ReadGuard} then decides whether that statement only reads.
 */
public final class SqlStatementGuard {

    public static final int MAX_LENGTH = 100_000;
    private static final Set<String> READING_KEYWORDS =
            Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DESCRIBE", "DESC");
    /** MySQL/MariaDB executable comments: code to the server wherever they stand. */
    private static final Pattern CODE_COMMENT = Pattern.compile("/\\*[mM]?!");
    private static final Pattern FIRST_WORD = Pattern.compile("^[\\s(]*([A-Za-z]+)");

    private SqlStatementGuard() {
    }

    /**
     * The check possible without the server (when a db_query variable is saved): text present, not too long,
     * starting with a reading keyword. The statement is judged by the server's rules when it runs.
     */
    public static String precheck(String sql) {
        requirePresent(sql);
        var m = FIRST_WORD.matcher(sql);
        String keyword = m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
        if (!READING_KEYWORDS.contains(keyword) && !sql.stripLeading().startsWith("--")
                && !sql.stripLeading().startsWith("/*") && !sql.stripLeading().startsWith("#")) {
            throw new ConfigError("sql", "only a single read-only statement is allowed (SELECT, WITH, VALUES, SHOW,"
                    + " EXPLAIN); found " + (keyword.isEmpty() ? "no statement" : keyword));
        }
        return sql;
    }

    /**
     * @param lexicon  how the server reads quotes and comments
     * @param settings the session's settings that change it
     * @throws ConfigError naming {@code sql} unless the text holds exactly one statement
     */
    public static ReadStatement single(String sql, SqlLexicon lexicon, LexicalSettings settings) {
        requirePresent(sql);
        if (lexicon.codeComments()) {
            var m = CODE_COMMENT.matcher(sql);
            if (m.find()) {
                throw new ConfigError("sql", "executable comments (/*! ... */, /*M! ... */) are code to MySQL and"
                        + " MariaDB and are refused wherever they stand (position " + (m.start() + 1) + ")");
            }
        }
        List<SqlToken> tokens;
        try {
            tokens = SqlTokenizer.tokens(sql, lexicon, settings);
        } catch (SqlTokenizer.SqlTextException e) {
            throw new ConfigError("sql", e.getMessage());
        }
        int end = 0;
        while (end < tokens.size() && tokens.get(end).kind() != Kind.SEMICOLON) {
            end++;
        }
        for (int i = end; i < tokens.size(); i++) {
            if (tokens.get(i).kind() != Kind.SEMICOLON) {
                throw new ConfigError("sql", "only one statement is allowed; found more after the ';' at position "
                        + (tokens.get(end).start() + 1));
            }
        }
        if (end == 0) {
            throw new ConfigError("sql", "is required: the text holds no statement");
        }
        requireBalancedParentheses(tokens.subList(0, end));
        String text = end < tokens.size() ? sql.substring(0, tokens.get(end).start()) : sql;
        return new ReadStatement(text, tokens.subList(0, end));
    }

    private static void requirePresent(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new ConfigError("sql", "is required");
        }
        if (sql.length() > MAX_LENGTH) {
            throw new ConfigError("sql", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /** The statement is later nested in a subquery to be checked; it must not close it or leave it open. */
    private static void requireBalancedParentheses(List<SqlToken> tokens) {
        int depth = 0;
        for (SqlToken t : tokens) {
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth < 0) {
                throw new ConfigError("sql", "unbalanced ')' at position " + (t.start() + 1));
            }
        }
        if (depth != 0) {
            throw new ConfigError("sql", "unbalanced parentheses: " + depth + " '(' not closed");
        }
    }
}
