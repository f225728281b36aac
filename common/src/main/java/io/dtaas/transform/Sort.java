package io.dtaas.transform;

import io.dtaas.data.TableSchema;
import io.dtaas.transform.expr.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code sort}: orders rows by {@code columns}; an entry may end in {@code asc} or {@code desc}
 * ({@code "amount desc"}), otherwise {@code descending} applies. NULLs sort last either way; the sort is
 * stable, so equal rows keep their read order.
 */
record Sort(List<String> columns, List<Boolean> descending) implements Transformation {

    static Sort from(ConfigReader r) {
        List<String> entries = r.strings("columns", true);
        boolean allDescending = r.bool("descending", false);
        List<String> names = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.strip();
            int space = e.lastIndexOf(' ');
            String last = space < 0 ? "" : e.substring(space + 1).toLowerCase(Locale.ROOT);
            if (last.equals("asc") || last.equals("desc")) {
                names.add(e.substring(0, space).strip());
                desc.add(last.equals("desc"));
            } else {
                names.add(entry);
                desc.add(allDescending);
            }
        }
        return new Sort(names, desc);
    }

    @Override
    public TransformationType type() {
        return TransformationType.SORT;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int[] keys = RowKeys.indexes(input, columns, "columns");
        Comparator<Object[]> order = (a, b) -> 0;
        for (int k = 0; k < keys.length; k++) {
            int c = keys[k];
            boolean desc = descending.get(k);
            order = order.thenComparing((a, b) -> {
                Object x = a[c];
                Object y = b[c];
                if (x == null || y == null) {
                    return x == null ? (y == null ? 0 : 1) : -1;
                }
                int cmp = Values.compare(Values.normalize(x), Values.normalize(y));
                return desc ? -cmp : cmp;
            });
        }
        Comparator<Object[]> byKeys = order;
        return new RowSetStep() {
            @Override
            public TableSchema output() {
                return input;
            }

            @Override
            public List<Object[]> apply(List<Object[]> rows) {
                List<Object[]> out = new ArrayList<>(rows);
                out.sort(byKeys);
                return out;
            }

            @Override
            public Optional<String> unchanged(String column) {
                return Optional.of(column);
            }
        };
    }
}
