package io.dtaas.transform;

import io.dtaas.error.ConfigError;
import io.dtaas.transform.expr.Templates;

/** {@code {{name}}} placeholders in plain config text, resolved from the {@link TransformContext}. */
final class Variables {

    private Variables() {
    }

    /**
     * The text with each placeholder replaced by its variable's value. Unknown variables are an error on
     * {@code config.<field>} for a run; while validating they stay as written.
     */
    static String render(String text, TransformContext context, String field) {
        for (String name : Templates.variables(text)) {
            if (!Templates.isVariableName(name)) {
                throw new ConfigError("config." + field, "'{{" + name + "}}' is not a variable name");
            }
            if (!context.variables().containsKey(name) && context.variablesKnown()) {
                throw new ConfigError("config." + field, "unknown variable {{" + name + "}}");
            }
        }
        return Templates.render(text, name -> context.variables().containsKey(name) ? context.variables().get(name)
                : "{{" + name + "}}");
    }
}
