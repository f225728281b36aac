package io.dtaas.controlplane.task;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks five-field cron expressions ({@code minute hour day-of-month month day-of-week}), the classic Unix
 * syntax: each field a comma list of {@code *}, {@code n}, {@code a-b}, optionally with {@code /step};
 * months and weekdays also by three-letter English name, Sunday as 0 or 7. Only validation lives here;
 * computing fire times is the scheduler's job.
 */
public final class CronExpression {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private record Field(String name, int min, int max, List<String> names, int firstNameValue) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of(), 0),
            new Field("hour", 0, 23, List.of(), 0),
            new Field("day of month", 1, 31, List.of(), 0),
            new Field("month", 1, 12, MONTHS, 1),
            new Field("day of week", 0, 7, DAYS, 0));

    private CronExpression() {
    }

    /** @return why the expression is invalid, or empty when it is valid */
    public static Optional<String> problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("is required: five fields, minute hour day-of-month month day-of-week");
        }
        if (expression.length() > 200) {
            return Optional.of("must be at most 200 characters");
        }
        String[] parts = expression.strip().split("\\s+");
        if (parts.length != FIELDS.size()) {
            return Optional.of("must have 5 fields (minute hour day-of-month month day-of-week), got " + parts.length);
        }
        for (int i = 0; i < parts.length; i++) {
            Optional<String> p = fieldProblem(FIELDS.get(i), parts[i]);
            if (p.isPresent()) {
                return Optional.of(FIELDS.get(i).name() + " field '" + parts[i] + "': " + p.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fieldProblem(Field field, String text) {
        for (String item : text.split(",", -1)) {
            Optional<String> p = itemProblem(field, item);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> itemProblem(Field field, String item) {
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            Integer step = number(item.substring(slash + 1));
            if (step == null || step < 1 || step > field.max()) {
                return Optional.of("step must be a number from 1 to " + field.max());
            }
        }
        if (range.equals("*")) {
            return Optional.empty();
        }
        int dash = range.indexOf('-');
        Integer from = value(field, dash < 0 ? range : range.substring(0, dash));
        Integer to = dash < 0 ? from : value(field, range.substring(dash + 1));
        if (from == null || to == null) {
            return Optional.of("expected *, a value, a range a-b, optionally with /step; values "
                    + field.min() + "-" + field.max() + (field.names().isEmpty() ? "" : " or " + field.names()));
        }
        if (from < field.min() || to > field.max()) {
            return Optional.of("values must be from " + field.min() + " to " + field.max());
        }
        if (from > to) {
            return Optional.of("range start must not exceed its end");
        }
        return Optional.empty();
    }

    private static Integer value(Field field, String text) {
        int named = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + field.firstNameValue();
        }
        return number(text);
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
