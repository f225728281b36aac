package io.dtaas.transform;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Date/time patterns in configs ({@link DateTimeFormatter} syntax, e.g. {@code dd/MM/yyyy HH:mm}). */
final class Formats {

    private Formats() {
    }

    /** The pattern in field {@code name}, or null when absent; a bad pattern is a problem on that field. */
    static DateTimeFormatter pattern(ConfigReader r, String name) {
        String text = r.string(name, null);
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ofPattern(text, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            r.problem(name, "is not a valid date/time pattern: " + e.getMessage());
            return null;
        }
    }
}
