package io.dtaas.connect.jdbc;

/**
 * The session settings that change how a server splits SQL text, read from the live session before a user's
 * statement is judged: a guard that guessed them could see one statement where the server sees several.
 *
 * @param backslashEscapes a backslash escapes the next character inside ordinary strings (PostgreSQL with
 *                         {@code standard_conforming_strings} off; MySQL/MariaDB without
 *                         {@code NO_BACKSLASH_ESCAPES} in {@code sql_mode})
 * @param ansiQuotes       {@code "..."} quotes names, not strings (MySQL/MariaDB {@code ANSI_QUOTES})
 */
public record LexicalSettings(boolean backslashEscapes, boolean ansiQuotes) {

    /** Standard SQL: backslashes are ordinary characters, double quotes quote names. */
    public static final LexicalSettings STANDARD = new LexicalSettings(false, true);
}
