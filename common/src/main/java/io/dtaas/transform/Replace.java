package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code replace}: every occurrence of {@code find} in the column's text becomes {@code replacement}. With
 * {@code regex} true, {@code find} is a Java regular expression and {@code $1} in the replacement names a group.
 */
record Replace(String column, Pattern pattern, String replacement) implements Transformation {

    static Replace from(ConfigReader r) {
        String column = r.name("column");
        String find = r.string("find", null);
        if (find == null && !r.has("find")) {
            r.problem("find", "is required");
        }
        String replacement = r.text("replacement", "", false);
        boolean regex = r.bool("regex", false);
        Pattern pattern = null;
        if (find != null) {
            try {
                pattern = regex ? Pattern.compile(find) : Pattern.compile(Pattern.quote(find));
            } catch (PatternSyntaxException e) {
                r.problem("find", "invalid regular expression at position " + (e.getIndex() + 1) + ": " + e.getDescription());
            }
        }
        return new Replace(column, pattern, regex || replacement == null ? replacement : Matcher.quoteReplacement(replacement));
    }

    @Override
    public TransformationType type() {
        return TransformationType.REPLACE;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        return TextColumn.bind(input, column, "replace", s -> {
            try {
                return pattern.matcher(s).replaceAll(replacement);
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new io.dtaas.error.DataError("replace in column \"" + column + "\": " + e.getMessage(), null);
            }
        });
    }
}
