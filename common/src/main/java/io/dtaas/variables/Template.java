package io.dtaas.variables;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A text with {@code {{name}}} references, parsed once by {@link SqlTemplates} or {@link TextTemplates}: literal
 * pieces and references in order.
 */
public record Template(List<Part> parts) {

    /** A piece of a template. */
    public sealed interface Part {
    }

    /** Text kept as written. */
    public record Literal(String text) implements Part {
    }

    /** A {@code {{name}}}; {@code position} is 0-based in the template, for messages. */
    public record Reference(String name, int position) implements Part {
    }

    public Template {
        parts = List.copyOf(parts);
    }

    /** The referenced names, in order of first use. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof Reference r) {
                names.add(r.name());
            }
        }
        return names;
    }

    /** The template with each reference replaced by what {@code render} answers for it. */
    public String render(Function<Reference, String> render) {
        StringBuilder s = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Literal l -> s.append(l.text());
                case Reference r -> s.append(render.apply(r));
            }
        }
        return s.toString();
    }
}
