package io.dtaas.transform;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.dtaas.data.TableSchema;

/**
 * {@code replace}: every occurrence of {@code find} in the column's text becomes {@code replacement}. With
 * {@code regex} true, {@code find} is a regular expression in RE2 syntax (linear-time: see {@link LinearRegex})
 * and {@code $1} in the replacement names a group; otherwise both are taken literally.
 *
 * @param regex the compiled pattern, or null for a literal {@code find}
 */
record Replace(String column, String find, Pattern regex, String replacement) implements Transformation {

    static Replace from(ConfigReader r) {
        String column = r.name("column");
        String find = r.string("find", null);
        if (find == null && !r.has("find")) {
            r.problem("find", "is required");
        }
        String replacement = r.text("replacement", "", false);
        boolean isRegex = r.bool("regex", false);
        Pattern regex = null;
        if (find != null && isRegex) {
            try {
                regex = LinearRegex.compile(find);
            } catch (IllegalArgumentException e) {
                r.problem("find", e.getMessage());
            }
        }
        return new Replace(column, find, regex, replacement);
    }

    @Override
    public TransformationType type() {
        return TransformationType.REPLACE;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        if (regex == null) {
            return TextColumn.bind(input, column, "replace", s -> s.replace(find, replacement));
        }
        return TextColumn.bind(input, column, "replace", s -> {
            try {
                Matcher m = regex.matcher(s);
                return m.replaceAll(replacement);
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new io.dtaas.error.DataError("replace in column \"" + column + "\": " + e.getMessage(), null);
            }
        });
    }
}
