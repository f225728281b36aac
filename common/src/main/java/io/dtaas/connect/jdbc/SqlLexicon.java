package io.dtaas.connect.jdbc;

/**
 * How a database splits SQL text into code, quoted text and comments: what a template scanner must agree on
 * with the server so that a {@code {{variable}}} it sees as code is code to the server too.
 *
 * @param backticks          {@code `name`} quotes identifiers (MySQL)
 * @param brackets           {@code [name]} quotes identifiers (SQL Server)
 * @param dollarQuotes       {@code $tag$...$tag$} quotes text (PostgreSQL; Snowflake's {@code $$})
 * @param escapeStrings      {@code E'...'} reads backslash escapes (PostgreSQL)
 * @param oracleQuotes       {@code q'[...]'} alternative quoting (Oracle)
 * @param singleQuoteEscapes how a backslash reads inside {@code '...'}
 * @param doubleQuoteEscapes how a backslash reads inside {@code "..."}
 * @param hashComments       {@code #} starts a line comment (MySQL)
 * @param slashComments      {@code //} starts a line comment (Snowflake)
 * @param dashNeedsSpace     {@code --} starts a comment only before a space or control character (MySQL)
 * @param nestedComments     block comments nest (PostgreSQL, SQL Server)
 * @param codeComments       {@code /*!...*}{@code /} holds code that runs (MySQL, MariaDB)
 */
public record SqlLexicon(boolean backticks, boolean brackets, boolean dollarQuotes, boolean escapeStrings,
                         boolean oracleQuotes, Backslash singleQuoteEscapes, Backslash doubleQuoteEscapes,
                         boolean hashComments, boolean slashComments, boolean dashNeedsSpace,
                         boolean nestedComments, boolean codeComments) {

    /** What a backslash inside quotes means. */
    public enum Backslash {
        /** an ordinary character */
        LITERAL,
        /** it escapes the next character */
        ESCAPE,
        /** it depends on a server setting (PostgreSQL standard_conforming_strings, MySQL NO_BACKSLASH_ESCAPES) */
        SETTING
    }

    public static final SqlLexicon STANDARD = new SqlLexicon(false, false, false, false, false, Backslash.LITERAL,
            Backslash.LITERAL, false, false, false, false, false);
    public static final SqlLexicon POSTGRESQL = new SqlLexicon(false, false, true, true, false, Backslash.SETTING,
            Backslash.LITERAL, false, false, false, true, false);
    public static final SqlLexicon MYSQL = new SqlLexicon(true, false, false, false, false, Backslash.SETTING,
            Backslash.SETTING, true, false, true, false, true);
    public static final SqlLexicon SQL_SERVER = new SqlLexicon(false, true, false, false, false, Backslash.LITERAL,
            Backslash.LITERAL, false, false, false, true, false);
    public static final SqlLexicon ORACLE = new SqlLexicon(false, false, false, false, true, Backslash.LITERAL,
            Backslash.LITERAL, false, false, false, false, false);
    public static final SqlLexicon SNOWFLAKE = new SqlLexicon(false, false, true, false, false, Backslash.ESCAPE,
            Backslash.LITERAL, false, true, false, false, false);
}
