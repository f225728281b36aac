package io.dtaas.controlplane.task;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CronExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "0 2 * * *", "*/15 9-17 * * MON-FRI", "0,30 */2 1,15 jan-jun 0",
            "5 4 * * 7", "0 0 1-31/2 * sun", "59 23 31 12 6", "  0   0 * * *  ", "10-50/10 * * DEC *"})
    void accepts(String expression) {
        assertThat(CronExpression.problem(expression)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "60 * * * *|minute field '60': values must be from 0 to 59",
            "* 24 * * *|hour field '24': values must be from 0 to 23",
            "* * 0 * *|day of month field '0': values must be from 1 to 31",
            "* * * 13 *|month field '13': values must be from 1 to 12",
            "* * * * 8|day of week field '8': values must be from 0 to 7",
            "* * * * MON-SUNDAY|day of week field 'MON-SUNDAY': expected *, a value, a range a-b, optionally with /step; values 0-7 or [SUN, MON, TUE, WED, THU, FRI, SAT]",
            "*/0 * * * *|minute field '*/0': step must be a number from 1 to 59",
            "30-10 * * * *|minute field '30-10': range start must not exceed its end",
            "1, * * * *|minute field '1,': expected *, a value, a range a-b, optionally with /step; values 0-59",
            "? * * * *|minute field '?': expected *, a value, a range a-b, optionally with /step; values 0-59",
            "* * * *|must have 5 fields (minute hour day-of-month month day-of-week), got 4",
            "0 0 * * * 2026|must have 5 fields (minute hour day-of-month month day-of-week), got 6",
            "@daily|must have 5 fields (minute hour day-of-month month day-of-week), got 1"})
    void rejectsNamingTheField(String expression, String problem) {
        assertThat(CronExpression.problem(expression)).contains(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void requiresAnExpression(String blank) {
        assertThat(CronExpression.problem(blank)).hasValueSatisfying(p -> assertThat(p).startsWith("is required"));
        assertThat(CronExpression.problem(null)).isPresent();
    }
}
