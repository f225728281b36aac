package io.dtaas.transform.expr;

import java.util.Map;
import java.util.function.Function;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** {@code {{name}}} placeholders in plain text values (not expressions), e.g. add_column's constant value. */
public final class Templates {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private Templates() {
    }

    public static boolean isVariableName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The variable's name when {@code text} is exactly one placeholder, else null. */
    public static String soleVariable(String text) {
        Matcher m = PLACEHOLDER.matcher(text.strip());
        return m.matches() && isVariableName(m.group(1)) ? m.group(1) : null;
    }

    /** Every placeholder's name, in order. */
    public static java.util.List<String> variables(String text) {
        java.util.List<String> names = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Replaces each placeholder by {@code value.apply(name)} rendered as text (NULL as the empty string). */
    public static String render(String text, Function<String, Object> value) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = value.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : Values.text(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@link #render} over a map of resolved values. */
    public static String render(String text, Map<String, Object> values) {
        return render(text, values::get);
    }
}
