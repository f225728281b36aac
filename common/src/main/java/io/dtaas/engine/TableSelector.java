package io.dtaas.engine;

import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.transform.expr.LikePattern;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a task's table selectors into tables: {@code table}, {@code schema.table}, {@code schema.*} and
 * names with {@code %} (any run of characters) or {@code _} (one character) as in SQL LIKE, minus exclusions.
 */
public final class TableSelector {

    private TableSelector() {
    }

    public static List<TableRef> resolve(Source source, List<String> include, List<String> exclude) {
        String defaultSchema = source.defaultSchema();
        Set<TableRef> selected = new LinkedHashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < include.size(); i++) {
            TableRef selector = TableRef.parse(include.get(i)).withSchema(defaultSchema);
            if (isPattern(selector)) {
                List<TableRef> matches = matches(source, selector);
                if (matches.isEmpty()) {
                    problems.add(new FieldProblem("config.tables[" + i + "]", "pattern '" + include.get(i) + "' matches no table"));
                }
                selected.addAll(matches);
            } else {
                selected.add(selector);
            }
        }
        for (String ex : exclude) {
            TableRef selector = TableRef.parse(ex).withSchema(defaultSchema);
            selected.removeIf(t -> t.schema().equals(selector.schema()) && like(selector.name()).test(t.name()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        if (selected.isEmpty()) {
            throw new ConfigError("config.tables", "selects no table");
        }
        return List.copyOf(selected);
    }

    public static boolean isPattern(TableRef selector) {
        return selector.name().equals("*") || selector.name().contains("%");
    }

    private static List<TableRef> matches(Source source, TableRef selector) {
        Predicate<String> name = like(selector.name());
        return source.tables(selector.schema()).stream().filter(t -> name.test(t.name())).toList();
    }

    /** {@code *} alone means every table; otherwise SQL LIKE wildcards (matched in linear time, see {@link LikePattern}). */
    static Predicate<String> like(String pattern) {
        if (pattern.equals("*")) {
            return name -> true;
        }
        return LikePattern.compile(pattern)::matches;
    }
}
