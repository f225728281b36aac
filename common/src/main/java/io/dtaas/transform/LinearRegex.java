package io.dtaas.transform;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles user-supplied regular expressions with RE2/J, whose matching time grows linearly with the input
 * whatever the pattern (no catastrophic backtracking). RE2 syntax has no backreferences, lookaround,
 * possessive quantifiers or atomic groups; such patterns are refused with a message saying so.
 *
 * <p>RE2 expands counted repetitions when it compiles ({@code (a{1000}){1000}} becomes a million
 * instructions, and one more level exhausts the heap), and matching costs grow with the compiled size, so the
 * size a pattern would expand to is estimated before compiling and bounded by {@link #MAX_SIZE}.
 */
public final class LinearRegex {

    /** Most instructions (roughly: pattern characters after expanding repetition counts) a pattern may need. */
    public static final int MAX_SIZE = 10_000;

    private LinearRegex() {
    }

    /** @throws IllegalArgumentException with a message for the user when the pattern is refused */
    public static Pattern compile(String regex) {
        long size = new SizeEstimate(regex).total();
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("the pattern is too large once its repetition counts are expanded"
                    + " (more than " + MAX_SIZE + " steps; nested counts such as (x{100}){100} multiply)");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(describe(e));
        }
    }

    private static String describe(PatternSyntaxException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int tick = message.indexOf('`');
        String at = tick >= 0 ? message.substring(tick) : "";
        String description = e.getDescription() == null ? "invalid pattern" : e.getDescription();
        boolean lookaround = at.startsWith("`(?=") || at.startsWith("`(?!") || at.startsWith("`(?<=") || at.startsWith("`(?<!");
        String why = lookaround ? "lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported" : switch (description) {
            case "invalid escape sequence" -> at.length() > 2 && at.charAt(1) == '\\' && at.charAt(2) >= '1' && at.charAt(2) <= '9' ? "backreferences such as \\1 are not supported"
                    : "invalid regular expression: invalid escape sequence " + at;
            case "invalid or unsupported Perl syntax" -> at.startsWith("`(?>") ? "atomic groups ((?>...)) are not supported"
                    : "invalid regular expression: unsupported syntax " + at;
            case "invalid nested repetition operator" -> "possessive or doubled quantifiers (such as ++ or *+) are not supported";
            default -> "invalid regular expression: " + description + (at.isEmpty() ? "" : " " + at);
        };
        return why + " (regular expressions use RE2 syntax, which runs in linear time)";
    }

    /**
     * A cheap upper bound of the compiled size: literals and classes count 1, a group its alternatives' sum,
     * {@code *+?} add 1, {@code {n,m}} multiply by the larger bound. Lenient with malformed input (RE2 then
     * reports the syntax error); saturates instead of overflowing.
     */
    private static final class SizeEstimate {

        private static final long CEILING = (long) MAX_SIZE * 1_000;
        private final String p;
        private int i;

        SizeEstimate(String pattern) {
            this.p = pattern;
        }

        long total() {
            long size = 0;
            while (i < p.length()) {
                size = Math.min(CEILING, size + alternation());
                if (i < p.length()) {
                    i++; // a stray ')' at the top level: RE2 reports it
                }
            }
            return size;
        }

        private long alternation() {
            long size = concatenation();
            while (i < p.length() && p.charAt(i) == '|') {
                i++;
                size = Math.min(CEILING, size + 1 + concatenation());
            }
            return size;
        }

        private long concatenation() {
            long size = 0;
            while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
                size = Math.min(CEILING, size + repeated(atom()));
            }
            return size;
        }

        private long atom() {
            char c = p.charAt(i++);
            switch (c) {
                case '(' -> {
                    skipGroupPrefix();
                    long inner = alternation();
                    if (i < p.length()) {
                        i++; // ')'
                    }
                    return Math.max(1, inner) + 1;
                }
                case '[' -> {
                    skipClass();
                    return 1;
                }
                case '\\' -> {
                    return escape();
                }
                default -> {
                    return 1;
                }
            }
        }

        /** {@code ?:}, {@code ?P<name>}, {@code ?<name>}, {@code ?i:} and {@code ?i} (up to its ')') after a '('. */
        private void skipGroupPrefix() {
            if (i >= p.length() || p.charAt(i) != '?') {
                return;
            }
            i++;
            if (i < p.length() && (p.charAt(i) == 'P' || p.charAt(i) == '<')) {
                int close = p.indexOf('>', i);
                i = close < 0 ? p.length() : close + 1;
                return;
            }
            while (i < p.length() && (Character.isLetter(p.charAt(i)) || p.charAt(i) == '-')) {
                i++;
            }
            if (i < p.length() && p.charAt(i) == ':') {
                i++;
            }
        }

        private long escape() {
            if (i >= p.length()) {
                return 1;
            }
            char c = p.charAt(i++);
            if ((c == 'p' || c == 'P') && i < p.length() && p.charAt(i) == '{') {
                int close = p.indexOf('}', i);
                i = close < 0 ? p.length() : close + 1;
            } else if (c == 'Q') {
                int end = p.indexOf("\\E", i);
                long literal = (end < 0 ? p.length() : end) - i;
                i = end < 0 ? p.length() : end + 2;
                return Math.max(1, literal);
            }
            return 1;
        }

        private void skipClass() {
            if (i < p.length() && p.charAt(i) == '^') {
                i++;
            }
            if (i < p.length() && p.charAt(i) == ']') {
                i++; // a leading ] is a literal
            }
            while (i < p.length() && p.charAt(i) != ']') {
                if (p.charAt(i) == '\\') {
                    i++;
                } else if (p.startsWith("[:", i)) {
                    int close = p.indexOf(":]", i + 2);
                    i = close < 0 ? i : close + 1;
                }
                i++;
            }
            i++;
        }

        private long repeated(long atom) {
            long size = atom;
            while (i < p.length()) {
                char c = p.charAt(i);
                long count;
                if (c == '*' || c == '+' || c == '?') {
                    i++;
                    size = Math.min(CEILING, size + 1);
                } else if (c == '{' && (count = count()) >= 0) {
                    size = Math.min(CEILING, size * Math.max(1, count) + 1);
                    i = p.indexOf('}', i) + 1;
                } else {
                    return size;
                }
            }
            return size;
        }

        /** The larger bound of a {n}, {n,} or {n,m} at i (n+1 for {n,}); -1 when '{' is a literal here. */
        private long count() {
            long lower = -1;
            long upper = -1;
            boolean comma = false;
            for (int j = i + 1; j < p.length() && j < i + 16; j++) {
                char c = p.charAt(j);
                if (c == '}') {
                    return lower < 0 ? -1 : !comma ? lower : upper < 0 ? lower + 1 : Math.max(lower, upper);
                } else if (c == ',' && !comma && lower >= 0) {
                    comma = true;
                } else if (c >= '0' && c <= '9') {
                    if (comma) {
                        upper = Math.max(0, upper) * 10 + (c - '0');
                    } else {
                        lower = Math.max(0, lower) * 10 + (c - '0');
                    }
                } else {
                    return -1;
                }
            }
            return -1;
        }
    }
}
