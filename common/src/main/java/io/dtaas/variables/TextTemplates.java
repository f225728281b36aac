package io.dtaas.variables;

import io.dtaas.error.ConfigError;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses plain-text templates (object-store prefixes, directory paths, transformation values): every
 * {@code {{name}}} is a reference; a "{{" that does not form one is an error, so a typo never passes
 * through as text.
 */
public final class TextTemplates {

    private TextTemplates() {
    }

    /** @throws ConfigError naming {@code field} for a malformed or unclosed reference */
    public static Template parse(String text, String field) {
        List<Template.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("{{", i)) {
                flush(literal, parts);
                int end = referenceEnd(text, i, field);
                parts.add(reference(text, i, end, field));
                i = end;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        flush(literal, parts);
        return new Template(parts);
    }

    /** True when the text holds "{{", i.e. would need resolving; cheap pre-check before parsing. */
    public static boolean mayHoldReferences(String text) {
        return text != null && text.contains("{{");
    }

    /** Index just after the "}}" closing the reference opened at {@code start}. */
    static int referenceEnd(String text, int start, String field) {
        int close = text.indexOf("}}", start + 2);
        if (close < 0) {
            throw new ConfigError(field, "'{{' at position " + (start + 1) + " is not closed with '}}'");
        }
        return close + 2;
    }

    /** The reference spanning [start, end); its name may be surrounded by spaces: {@code {{ name }}}. */
    static Template.Reference reference(String text, int start, int end, String field) {
        String name = text.substring(start + 2, end - 2).strip();
        if (!VariableNames.isValid(name)) {
            throw new ConfigError(field, "'" + text.substring(start, end) + "' at position " + (start + 1)
                    + " is not a variable reference; write {{name}} with a name of " + VariableNames.RULE);
        }
        return new Template.Reference(name, start);
    }

    static void flush(StringBuilder literal, List<Template.Part> parts) {
        if (!literal.isEmpty()) {
            parts.add(new Template.Literal(literal.toString()));
            literal.setLength(0);
        }
    }
}
