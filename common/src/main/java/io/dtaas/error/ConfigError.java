package io.dtaas.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input the user must fix; the API answers 422 with the problems found, each naming its field. The message
 * and the answer carry at most {@link #MAX_SHOWN} of them and count the rest, so that input with a million bad
 * keys gets a small answer.
 */
public final class ConfigError extends DtaasException {

    /** Most problems put in a message or an answer. */
    public static final int MAX_SHOWN = 50;

    private final List<FieldProblem> problems;

    public ConfigError(List<FieldProblem> problems) {
        super(message(problems), null);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigError needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigError(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    /** Every problem found (an answer shows the first {@link #MAX_SHOWN}). */
    public List<FieldProblem> problems() {
        return problems;
    }

    private static String message(List<FieldProblem> problems) {
        String shown = problems.stream().limit(MAX_SHOWN).map(FieldProblem::toString).collect(Collectors.joining("; "));
        return problems.size() <= MAX_SHOWN ? shown : shown + "; and " + (problems.size() - MAX_SHOWN) + " more";
    }
}
