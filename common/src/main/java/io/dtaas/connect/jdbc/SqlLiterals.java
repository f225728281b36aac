package io.dtaas.connect.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Values written into SQL text as literals, for the rare places a value cannot be a bind parameter (a user's
 * custom query with {@code {{variables}}}). Each method answers one complete literal, quotes included, that
 * the database reads back as exactly the given value, so no value can end the literal early. The defaults are
 * standard SQL; dialects override what their database reads differently.
 *
 * <p>Every method throws {@link IllegalArgumentException} for a value the database cannot represent (NUL in a
 * string, a year outside 1..9999).
 */
public interface SqlLiterals {

    DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    /** How this database reads quotes and comments, so a template scanner agrees with it on what is code. */
    default SqlLexicon lexicon() {
        return SqlLexicon.STANDARD;
    }

    /** Standard SQL: the text between single quotes, each quote doubled. Rejects NUL. */
    default String stringLiteral(String value) {
        return "'" + noNul(value).replace("'", "''") + "'";
    }

    default String dateLiteral(LocalDate date) {
        return "DATE '" + checkYear(date) + "'";
    }

    default String timestampLiteral(LocalDateTime timestamp) {
        checkYear(timestamp.toLocalDate());
        return "TIMESTAMP '" + TIMESTAMP.format(timestamp) + "'";
    }

    /** An instant; databases without a time-zone literal get its UTC date and time. */
    default String instantLiteral(Instant instant) {
        return timestampLiteral(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    default String booleanLiteral(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    static String noNul(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the text contains the NUL character (\\0), which SQL text cannot carry");
        }
        return value;
    }

    static LocalDate checkYear(LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException("year " + date.getYear() + " is outside 1..9999");
        }
        return date;
    }
}
