package io.dtaas.transform;

import java.util.HashMap;
import java.util.Map;

/**
 * What transformations are bound with besides the table's schema: the resolved global variables, by name,
 * used by {@code {{name}}} in add_column values, prefixes, suffixes and expressions.
 *
 * @param variablesKnown true for a run: every referenced variable must be in {@code variables}; false while a
 *                       task is validated before variables are resolved, when a missing one is not an error
 */
public record TransformContext(Map<String, Object> variables, boolean variablesKnown) {

    public TransformContext {
        variables = java.util.Collections.unmodifiableMap(new HashMap<>(variables)); // values may be null
    }

    /** For a run: variables resolved for this execution. */
    public static TransformContext run(Map<String, Object> variables) {
        return new TransformContext(variables, true);
    }

    /** For validation when saving a task: variables that could be resolved now, the rest unknown. */
    public static TransformContext validation(Map<String, Object> known) {
        return new TransformContext(known, false);
    }

    public static TransformContext none() {
        return run(Map.of());
    }
}
