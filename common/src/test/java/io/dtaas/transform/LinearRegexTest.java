package io.dtaas.transform;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User regular expressions run in linear time; what RE2 cannot run, or would expand too far, is refused in words. */
class LinearRegexTest {

    @Test
    void ordinaryPatternsAndGroupReplacementsWork() {
        Pattern p = LinearRegex.compile("(\\d+)-(\\d+)");
        assertThat(p.matcher("10-20 x 3-4").replaceAll("$2/$1")).isEqualTo("20/10 x 4/3");
        assertThat(LinearRegex.compile("[^0-9]").matcher("+1 (555) 010").replaceAll("")).isEqualTo("1555010");
        assertThat(LinearRegex.compile("(?i)colou?r").matcher("Color COLOUR").replaceAll("x")).isEqualTo("x x");
        assertThat(LinearRegex.compile("(?P<year>\\d{4})").matcher("in 2024").replaceAll("${year}!")).isEqualTo("in 2024!");
        assertThat(LinearRegex.compile("\\p{L}+").matcher("héllo wörld").replaceAll("w")).isEqualTo("w w");
        assertThat(LinearRegex.compile("[0-9]{3}-[0-9]{4}")).isNotNull();
        assertThat(LinearRegex.compile("x{1000}")).isNotNull();
    }

    @Test
    void unsupportedSyntaxIsNamed() {
        assertThatThrownBy(() -> LinearRegex.compile("(a)\\1")).hasMessageContaining("backreferences")
                .hasMessageContaining("RE2 syntax");
        assertThatThrownBy(() -> LinearRegex.compile("foo(?=bar)")).hasMessageContaining("lookahead and lookbehind");
        assertThatThrownBy(() -> LinearRegex.compile("(?<!x)y")).hasMessageContaining("lookahead and lookbehind");
        assertThatThrownBy(() -> LinearRegex.compile("(?>ab)")).hasMessageContaining("atomic groups");
        assertThatThrownBy(() -> LinearRegex.compile("a++")).hasMessageContaining("possessive");
        assertThatThrownBy(() -> LinearRegex.compile("(")).hasMessageContaining("invalid regular expression: missing closing )");
        assertThatThrownBy(() -> LinearRegex.compile("a{1001}")).hasMessageContaining("invalid repeat count");
    }

    /** Without the estimate, RE2/J expands these to hundreds of millions of instructions and exhausts the heap. */
    @Test
    void nestedCountsThatWouldExpandTooFarAreRefused() {
        for (String huge : new String[] {"((a{1000}){1000}){1000}", "(((a{100}){100}){100}){100}", "(?:x{101}){100}",
                "(a{10}|b{1000}){20}", "[ab]{1000}[cd]{1000}(e{1000}){10}", "(\\Q" + "x".repeat(5_000) + "\\E){3}"}) {
            assertThatThrownBy(() -> LinearRegex.compile(huge)).as(huge).hasMessageContaining("too large");
        }
        assertThat(LinearRegex.compile("(?:x{90}){100}")).isNotNull();
    }

    /** Classic catastrophic-backtracking patterns over long input: the timeout only catches a blow-up. */
    @Test
    @Timeout(60)
    void catastrophicBacktrackingPatternsRunLinearly() {
        String input = "a".repeat(100_000) + "!";
        assertThat(LinearRegex.compile("(a+)+$").matcher(input).find()).isFalse();
        assertThat(LinearRegex.compile("(a|aa)+b").matcher(input).find()).isFalse();
        assertThat(LinearRegex.compile("(.*a){20}x").matcher(input).find()).isFalse();
        assertThat(LinearRegex.compile("^(a|a?)+$").matcher(input).matches()).isFalse();
        assertThat(LinearRegex.compile("(a+)+!").matcher(input).replaceAll("ok")).isEqualTo("ok");
    }
}
