package io.dtaas.variables;

import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlLexicon.Backslash;
import io.dtaas.connect.jdbc.SqlTokenizer;
import io.dtaas.error.ConfigError;

import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Parses SQL with {@code {{name}}} references. Only a reference standing in code is one: the scanner follows the
 * database's {@link SqlLexicon} through quotes and comments, so that what it takes for code the server takes for
 * code too, and each value later goes in as one complete literal.
 *
 * <p>Refused, because a value could otherwise change what the query means: a reference inside quotes
 * ({@code '{{x}}'}; the literal brings its own quotes); a reference touching a name, number, quote or another
 * reference ({@code x{{n}}}, {@code {{a}}{{b}}}); and, in a query with references, constructs whose reading
 * depends on server settings (a backslash inside MySQL strings or PostgreSQL non-{@code E} strings, MySQL's
 * executable comments). A {@code {{x}}} inside a comment is left as written.
 */
public final class SqlTemplates {

    private static final Pattern QUOTED_REFERENCE = Pattern.compile("\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}}");

    private SqlTemplates() {
    }

    /** @throws ConfigError naming {@code field} when a reference is malformed or stands where it is refused */
    public static Template parse(String sql, SqlLexicon lexicon, String field) {
        return new Scanner(sql, lexicon, field).scan();
    }

    private static final class Scanner {

        private final String sql;
        private final SqlLexicon lex;
        private final String field;
        private final List<Template.Part> parts = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        /** The first construct whose reading depends on server settings, or null. */
        private String ambiguity;
        /** The first reference found inside quotes, or null. */
        private String quotedReference;

        Scanner(String sql, SqlLexicon lex, String field) {
            this.sql = sql;
            this.lex = lex;
            this.field = field;
        }

        Template scan() {
            int i = 0;
            while (i < sql.length()) {
                i = step(i);
            }
            TextTemplates.flush(literal, parts);
            Template template = new Template(parts);
            if (ambiguity != null && (!template.names().isEmpty() || quotedReference != null)) {
                throw new ConfigError(field, ambiguity + ", so a query with {{variables}} may not contain it");
            }
            if (quotedReference != null) {
                throw new ConfigError(field, quotedReference);
            }
            return template;
        }

        /** Consumes one token-ish piece starting at {@code i}; answers where the next starts. */
        private int step(int i) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (c == '{' && next == '{') {
                return reference(i);
            }
            if (c == '\'') {
                boolean escapeString = lex.escapeStrings() && prefixedBy(i, 'e');
                return quoted(i, '\'', escapeString ? Backslash.ESCAPE : lex.singleQuoteEscapes());
            }
            if (c == '"') {
                return quoted(i, '"', lex.doubleQuoteEscapes());
            }
            if (c == '`' && lex.backticks()) {
                return quoted(i, '`', Backslash.LITERAL);
            }
            if (c == '[' && lex.brackets()) {
                return region(i, closing(i + 1, "]"), true);
            }
            if (c == '$' && lex.dollarQuotes()) {
                int end = dollarQuoted(i);
                if (end > 0) {
                    return end;
                }
            }
            if ((c == 'q' || c == 'Q') && next == '\'' && lex.oracleQuotes() && (prefixedBy(i + 1, 'q')
                    || prefixedBy(i, 'n') && !identifierChar(at(i - 2)))) {
                return oracleQuoted(i);
            }
            if (c == '-' && next == '-' && (!lex.dashNeedsSpace() || i + 2 >= sql.length()
                    || Character.isWhitespace(sql.charAt(i + 2)) || Character.isISOControl(sql.charAt(i + 2)))) {
                return lineComment(i);
            }
            if (c == '#' && lex.hashComments() || c == '/' && next == '/' && lex.slashComments()) {
                return lineComment(i);
            }
            if (c == '/' && next == '*') {
                return blockComment(i);
            }
            literal.append(c);
            return i + 1;
        }

        private int reference(int start) {
            int end = TextTemplates.referenceEnd(sql, start, field);
            Template.Reference ref = TextTemplates.reference(sql, start, end, field);
            checkSeparated(ref, at(start - 1));
            checkSeparated(ref, at(end));
            TextTemplates.flush(literal, parts);
            parts.add(ref);
            return end;
        }

        /** A value next to a name, number or quote would merge with it into another token. */
        private void checkSeparated(Template.Reference ref, char neighbour) {
            if (identifierChar(neighbour) || "@#.'\"`{}".indexOf(neighbour) >= 0 && neighbour != 0) {
                throw new ConfigError(field, "{{" + ref.name() + "}} at position " + (ref.position() + 1)
                        + " touches '" + neighbour + "'; put a space or an operator between a variable and a name,"
                        + " number or quote (the value renders as one complete literal, quotes included)");
            }
        }

        private int quoted(int start, char quote, Backslash backslash) {
            int i = start + 1;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '\\' && backslash == Backslash.ESCAPE) {
                    i += 2;
                } else if (c == '\\' && backslash == Backslash.SETTING) {
                    ambiguity = firstOf(ambiguity, "the backslash at position " + (i + 1) + " inside a quoted string"
                            + " reads differently depending on the server's settings (standard_conforming_strings,"
                            + " NO_BACKSLASH_ESCAPES); write it as E'...' on PostgreSQL or CHAR(92) on MySQL");
                    i++;
                } else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else if (c == quote) {
                    return region(start, i + 1, true);
                } else {
                    i++;
                }
            }
            return region(start, sql.length(), true);
        }

        private int dollarQuoted(int start) {
            if (identifierChar(at(start - 1))) {
                return -1; // part of a name, or a positional parameter such as $1
            }
            int tagEnd = start + 1;
            while (tagEnd < sql.length()
                    && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                tagEnd++;
            }
            if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$'
                    || tagEnd > start + 1 && Character.isDigit(sql.charAt(start + 1))) {
                return -1;
            }
            String tag = sql.substring(start, tagEnd + 1);
            int close = sql.indexOf(tag, tagEnd + 1);
            return region(start, close < 0 ? sql.length() : close + tag.length(), true);
        }

        /** Oracle's {@code q'<delimiter>...<delimiter>'}, where brackets close with their partner. */
        private int oracleQuoted(int start) {
            if (start + 2 >= sql.length()) {
                return region(start, sql.length(), true);
            }
            char open = sql.charAt(start + 2);
            int pair = "[{(<".indexOf(open);
            char close = pair >= 0 ? "]})>".charAt(pair) : open;
            return region(start, closing(start + 3, close + "'"), true);
        }

        private int lineComment(int start) {
            int newline = sql.indexOf('\n', start);
            int end = newline < 0 ? sql.length() : newline + 1;
            int cr = sql.indexOf('\r', start);
            if (cr >= 0 && cr < end - 1) {
                ambiguity = firstOf(ambiguity, "the carriage return at position " + (cr + 1) + " inside a line"
                        + " comment ends the comment for some databases and not for others");
            }
            return region(start, end, false);
        }

        private int blockComment(int start) {
            if (lex.codeComments() && (sql.startsWith("/*!", start) || sql.startsWith("/*M!", start))) {
                ambiguity = firstOf(ambiguity, "the executable comment at position " + (start + 1)
                        + " (/*! ... */) is code to MySQL and MariaDB");
            }
            int end = SqlTokenizer.blockCommentEnd(sql, start, lex.nestedComments());
            return region(start, end < 0 ? sql.length() : end, false);
        }

        /** Copies [start, end) as text; inside quotes a {@code {{name}}} is remembered as a mistake. */
        private int region(int start, int end, boolean quotes) {
            String text = sql.substring(start, end);
            if (quotes && quotedReference == null) {
                Matcher m = QUOTED_REFERENCE.matcher(text);
                if (m.find()) {
                    String ref = m.group();
                    quotedReference = ref + " at position " + (start + m.start() + 1) + " stands inside quotes; a"
                            + " variable renders as a complete literal with its own quotes, so write " + ref
                            + " without them (e.g. WHERE code = " + ref + ")";
                }
            }
            literal.append(text);
            return end;
        }

        private int closing(int from, String close) {
            int at = sql.indexOf(close, from);
            return at < 0 ? sql.length() : at + close.length();
        }

        /** Whether the character before {@code i} is {@code letter} (any case) and starts a token. */
        private boolean prefixedBy(int i, char letter) {
            return Character.toLowerCase(at(i - 1)) == letter && !identifierChar(at(i - 2));
        }

        private char at(int i) {
            return i >= 0 && i < sql.length() ? sql.charAt(i) : 0;
        }
    }

    private static boolean identifierChar(char c) {
        return c != 0 && (Character.isLetterOrDigit(c) || c == '_' || c == '$');
    }

    private static String firstOf(String current, String candidate) {
        return current != null ? current : candidate;
    }
}
