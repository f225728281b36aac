package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * {@code deduplicate}: one row per distinct value of {@code columns} (all columns when empty), keeping the
 * {@code first} or {@code last} in read order; kept rows stay in read order. NULLs are equal to each other here.
 */
record Deduplicate(List<String> columns, boolean keepLast) implements Transformation {

    static final List<String> KEEP = List.of("first", "last");

    static Deduplicate from(ConfigReader r) {
        return new Deduplicate(r.strings("columns", false), "last".equals(r.choice("keep", "first", KEEP)));
    }

    @Override
    public TransformationType type() {
        return TransformationType.DEDUPLICATE;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int[] key = columns.isEmpty() ? IntStream.range(0, input.columns().size()).toArray()
                : RowKeys.indexes(input, columns, "columns");
        return new RowSetStep() {
            @Override
            public TableSchema output() {
                return input;
            }

            @Override
            public List<Object[]> apply(List<Object[]> rows) {
                Map<List<Object>, Integer> kept = new HashMap<>();
                for (int i = 0; i < rows.size(); i++) {
                    List<Object> k = RowKeys.of(rows.get(i), key);
                    if (keepLast) {
                        kept.put(k, i);
                    } else {
                        kept.putIfAbsent(k, i);
                    }
                }
                boolean[] keep = new boolean[rows.size()];
                kept.values().forEach(i -> keep[i] = true);
                List<Object[]> out = new ArrayList<>(kept.size());
                for (int i = 0; i < rows.size(); i++) {
                    if (keep[i]) {
                        out.add(rows.get(i));
                    }
                }
                return out;
            }

            @Override
            public Optional<String> unchanged(String column) {
                return Optional.of(column);
            }
        };
    }
}
