package io.dtaas.transform.expr;

import java.util.Arrays;

/**
 * SQL {@code LIKE}: {@code %} matches any run of characters (also none), {@code _} exactly one character, a
 * backslash takes the next character literally ({@code \%}, {@code \_}, {@code \\}); everything else matches
 * itself, case-sensitively. A backslash at the very end stands for itself.
 *
 * <p>Matching never backtracks more than to the last {@code %} seen (the classic greedy wildcard algorithm),
 * so it takes at most O(text length × pattern length) steps whatever the pattern: a pattern such as
 * {@code %a%a%a…%b} that sends a backtracking regular expression into exponential time is answered at once.
 * Immutable and thread-safe.
 */
public final class LikePattern {

    /** Token codes below 0; literal characters are stored as themselves (0..0xFFFF). */
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private final String source;
    private final int[] tokens;

    private LikePattern(String source, int[] tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    public static LikePattern compile(String pattern) {
        int[] tokens = new int[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                tokens[n++] = pattern.charAt(++i);
            } else if (c == '%') {
                if (n == 0 || tokens[n - 1] != ANY_RUN) { // %% is the same as %
                    tokens[n++] = ANY_RUN;
                }
            } else if (c == '_') {
                tokens[n++] = ANY_ONE;
            } else {
                tokens[n++] = c;
            }
        }
        return new LikePattern(pattern, Arrays.copyOf(tokens, n));
    }

    /** Whether the whole of {@code text} matches. */
    public boolean matches(CharSequence text) {
        int[] p = tokens;
        int n = text.length();
        int i = 0;
        int j = 0;
        int runToken = -1; // index of the last % seen, to retry from
        int runText = 0;   // where the text stood when that % was seen
        while (i < n) {
            if (j < p.length && p[j] == ANY_RUN) {
                runToken = j++;
                runText = i;
            } else if (j < p.length && (p[j] == ANY_ONE || p[j] == text.charAt(i))) {
                i += p[j] == ANY_ONE ? width(text, i) : 1;
                j++;
            } else if (runToken >= 0) {
                // let the last % swallow one more character and try the rest of the pattern again from there
                runText += width(text, runText);
                i = runText;
                j = runToken + 1;
            } else {
                return false;
            }
        }
        while (j < p.length && p[j] == ANY_RUN) {
            j++;
        }
        return j == p.length;
    }

    /** 2 for a surrogate pair (one character to {@code _}), else 1. */
    private static int width(CharSequence text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
    }

    @Override
    public String toString() {
        return source;
    }
}
