package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;

import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Pattern;

/**
 * {@code split}: cuts a text column at {@code separator} (literal). Either into the columns {@code targets}
 * (at most that many parts: the last target keeps the rest; missing parts are NULL), or one part by 0-based
 * {@code index} into {@code target} (NULL when there is no such part). The source column stays.
 */
record Split(String column, String separator, List<String> targets, Integer index, String target)
        implements Transformation {

    static Split from(ConfigReader r) {
        String column = r.name("column");
        String separator = r.text("separator", null, true);
        if (separator != null && separator.isEmpty()) {
            r.problem("separator", "must not be empty");
        }
        List<String> targets = r.strings("targets", false);
        Integer index = r.integer("index", null, 0, 10_000);
        String target = r.string("target", null);
        if (targets.isEmpty() == (index == null)) {
            r.problem(targets.isEmpty() ? "targets" : "index", "give either targets (split into columns) or index with target");
        } else if (index != null && target == null) {
            r.problem("target", "is required with index");
        }
        return new Split(column, separator, targets, index, target);
    }

    @Override
    public TransformationType type() {
        return TransformationType.SPLIT;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        Schemas.text(input, column, "column", "split");
        int i = input.indexOf(column);
        Pattern at = Pattern.compile(Pattern.quote(separator));
        List<String> names = index != null ? List.of(target) : targets;
        List<Column> out = new ArrayList<>();
        for (String name : names) {
            if (name.equals(column)) {
                throw new io.dtaas.error.ConfigError(index != null ? "config.target" : "config.targets",
                        "must differ from the column being split");
            }
            out.add(new Column(name, ColumnType.of(ColumnKind.STRING), true));
        }
        int parts = names.size();
        return new DeriveColumns(input, out, row -> {
            Object[] values = new Object[parts];
            if (row[i] == null) {
                return values;
            }
            String s = (String) row[i];
            if (index != null) {
                String[] all = at.split(s, -1);
                values[0] = index < all.length ? all[index] : null;
            } else {
                String[] some = at.split(s, parts);
                System.arraycopy(some, 0, values, 0, some.length);
            }
            return values;
        });
    }
}
