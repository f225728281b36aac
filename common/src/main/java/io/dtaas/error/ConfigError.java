package io.dtaas.error;

import java.util.List;
import java.util.stream.Collectors;

/** Input the user must fix; the API answers 422 with every problem found, each naming its field. */
public final class ConfigError extends DtaasException {

    private final List<FieldProblem> problems;

    public ConfigError(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")), null);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigError needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigError(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
