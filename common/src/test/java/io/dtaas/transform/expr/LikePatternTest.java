package io.dtaas.transform.expr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** SQL LIKE without backtracking: the semantics of the regex it replaced, plus escapes, at linear cost. */
class LikePatternTest {

    private static boolean like(String text, String pattern) {
        return LikePattern.compile(pattern).matches(text);
    }

    @Test
    void wildcardsMatchAsInSql() {
        assertThat(like("Paid", "%ai%")).isTrue();
        assertThat(like("Paid", "P_id")).isTrue();
        assertThat(like("Paid", "P_d")).isFalse();
        assertThat(like("Paid", "paid")).isFalse(); // case-sensitive
        assertThat(like("", "%")).isTrue();
        assertThat(like("", "")).isTrue();
        assertThat(like("", "_")).isFalse();
        assertThat(like("abc", "%%%")).isTrue();
        assertThat(like("abc", "a%c%")).isTrue();
        assertThat(like("abcb", "%b")).isTrue();
        assertThat(like("abca", "%b")).isFalse();
        assertThat(like("multi\nline", "multi%line")).isTrue(); // % crosses line breaks
        assertThat(like("a.b*c", "a.b*c")).isTrue(); // regex characters are literal
        assertThat(like("axbyc", "a.b*c")).isFalse();
    }

    @Test
    void backslashEscapesWildcards() {
        assertThat(like("100%", "100\\%")).isTrue();
        assertThat(like("1000", "100\\%")).isFalse();
        assertThat(like("a_b", "a\\_b")).isTrue();
        assertThat(like("axb", "a\\_b")).isFalse();
        assertThat(like("a\\b", "a\\\\b")).isTrue();
        assertThat(like("a\\", "a\\")).isTrue(); // a trailing backslash stands for itself
    }

    @Test
    void underscoreIsOneCharacterEvenOutsideTheBasicPlane() {
        String emoji = "x\uD83D\uDE00y"; // x😀y
        assertThat(like(emoji, "x_y")).isTrue();
        assertThat(like(emoji, "x__y")).isFalse();
        assertThat(like(emoji, "%\uD83D\uDE00%")).isTrue();
    }

    @Test
    void agreesWithTheRegexItReplacedOnRandomInput() {
        Random random = new Random(42);
        String alphabet = "ab%_";
        for (int n = 0; n < 20_000; n++) {
            String pattern = randomText(random, alphabet, 6);
            String text = randomText(random, "ab", 8);
            assertThat(like(text, pattern)).as("'%s' LIKE '%s'", text, pattern).isEqualTo(regex(pattern).matcher(text).matches());
        }
    }

    /** The old translation (no escapes), as the reference on patterns without backslashes. */
    private static Pattern regex(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            regex.append(switch (c) {
                case '%' -> ".*";
                case '_' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * 40 × '%a' then '%b' against long runs of 'a': a backtracking regex takes exponential time here (the issue's
     * "pins a core for minutes"). The timeout is a generous bound that only a blow-up could reach, not a speed target.
     */
    @Test
    @Timeout(60)
    void pathologicalPatternsAnswerAtOnce() {
        String pattern = "%a".repeat(40) + "%b";
        String noB = "a".repeat(100_000);
        assertThat(like(noB, pattern)).isFalse();
        assertThat(like(noB + "b", pattern)).isTrue();
        assertThat(like("a".repeat(39) + "b", pattern)).isFalse();
        assertThat(like("%_".repeat(5_000), "%_%_%_%_%_%_%_%_%_%_%_%_%_%_%_%_%_%_%_%_x")).isFalse();
        String underscores = "_%".repeat(2_000) + "c";
        assertThat(like("ab".repeat(50_000), underscores)).isFalse();
    }
}
