package io.dtaas.connect.catalog;

/**
 * How much of a database's data a preview or a console query may answer: each text value is cut after
 * {@link #MAX_VALUE_CHARS} characters (binary after {@link #MAX_VALUE_BYTES} bytes, shown as that many hex
 * digit pairs), and rows stop once the answer holds about {@link #MAX_RESULT_CHARS} characters. Results say
 * what they cut. Values are read through streams or cut by the server, so a 200 MB value is never held whole.
 */
public final class ResultBudget {

    public static final int MAX_VALUE_CHARS = 64 * 1024;
    public static final int MAX_VALUE_BYTES = MAX_VALUE_CHARS / 2;
    public static final long MAX_RESULT_CHARS = 8L * 1024 * 1024;

    private ResultBudget() {
    }

    /** A rough size of a value as JSON text (quotes and separators included), to budget a response. */
    public static long sizeOf(Object value) {
        return switch (value) {
            case null -> 5;
            case CharSequence s -> s.length() + 3;
            case byte[] b -> 2L * b.length + 5;
            default -> 24;
        };
    }

    /**
     * {@code text} cut to at most {@code max} characters, never between the two halves of a surrogate pair;
     * unchanged when it fits.
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
