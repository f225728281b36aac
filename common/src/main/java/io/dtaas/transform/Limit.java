package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.List;
import java.util.Optional;

/** {@code limit}: at most {@code count} rows, after skipping {@code offset}; put a sort first for a defined set. */
record Limit(int count, int offset) implements Transformation {

    static Limit from(ConfigReader r) {
        Integer count = r.integer("count", null, 0, Integer.MAX_VALUE);
        if (count == null && !r.has("count")) {
            r.problem("count", "is required: the number of rows to keep");
        }
        return new Limit(count == null ? 0 : count, r.integer("offset", 0, 0, Integer.MAX_VALUE));
    }

    @Override
    public TransformationType type() {
        return TransformationType.LIMIT;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        return new RowSetStep() {
            @Override
            public TableSchema output() {
                return input;
            }

            @Override
            public List<Object[]> apply(List<Object[]> rows) {
                int from = (int) Math.min(rows.size(), (long) offset);
                int to = (int) Math.min(rows.size(), (long) from + count);
                return List.copyOf(rows.subList(from, to));
            }

            @Override
            public Optional<String> unchanged(String column) {
                return Optional.of(column);
            }
        };
    }
}
