package io.dtaas.transform;

import io.dtaas.data.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's transformations bound in order, each to the output of the one before. Immutable and thread-safe.
 * Full loads run it per batch ({@link #applyRows}) when every step is row-wise, or over the table's whole
 * row set otherwise; a change stream would use {@link #applyRow}.
 */
public final class Pipeline {

    private static final Runnable NO_CHECKPOINT = () -> { };

    private final TableSchema input;
    private final List<Step> steps;

    Pipeline(TableSchema input, List<Step> steps) {
        this.input = input;
        this.steps = List.copyOf(steps);
    }

    /** No transformations: rows pass as they are. */
    public static Pipeline identity(TableSchema input) {
        return new Pipeline(input, List.of());
    }

    public TableSchema input() {
        return input;
    }

    /** The schema the destination receives. */
    public TableSchema output() {
        return steps.isEmpty() ? input : steps.getLast().output();
    }

    public boolean isIdentity() {
        return steps.isEmpty();
    }

    /** Whether a step needs the whole row set (deduplicate, sort, limit, aggregate). */
    public boolean hasRowSetStep() {
        return firstRowSetStep() < steps.size();
    }

    int firstRowSetStep() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof RowSetStep) {
                return i;
            }
        }
        return steps.size();
    }

    /**
     * The output name of input column {@code column} when every step passes its values unchanged (a rename is
     * fine); empty when a step changes or drops them.
     */
    public Optional<String> unchanged(String column) {
        Optional<String> name = Optional.of(column);
        for (Step step : steps) {
            name = name.flatMap(step::unchanged);
        }
        return name;
    }

    /**
     * One row through a pipeline of row-wise steps only (what a change stream can use).
     *
     * @return the transformed row, or null when a filter dropped it
     * @throws IllegalStateException when the pipeline has a row-set step
     */
    public Object[] applyRow(Object[] row) {
        if (hasRowSetStep()) {
            throw new IllegalStateException("a pipeline with a row-set step cannot transform one row at a time");
        }
        Object[] r = row;
        for (Step step : steps) {
            r = ((RowStep) step).apply(r);
            if (r == null) {
                return null;
            }
        }
        return r;
    }

    /** Rows through every step, in order: the whole table's rows when there is a row-set step. */
    public List<Object[]> applyRows(List<Object[]> rows) {
        return apply(rows, 0, steps.size(), NO_CHECKPOINT);
    }

    /**
     * {@link #applyRows}, calling {@code checkpoint} before each step and each row so that a caller with a
     * deadline (a preview) can stop a long run: the checkpoint throws to stop it.
     */
    public List<Object[]> applyRows(List<Object[]> rows, Runnable checkpoint) {
        return apply(rows, 0, steps.size(), checkpoint);
    }

    /** Rows through the row-wise steps before the first row-set step (applied while a table is read). */
    public List<Object[]> applyLeading(List<Object[]> rows) {
        return apply(rows, 0, firstRowSetStep(), NO_CHECKPOINT);
    }

    /** Rows (already through {@link #applyLeading}) through the remaining steps. */
    public List<Object[]> applyTrailing(List<Object[]> rows) {
        return apply(rows, firstRowSetStep(), steps.size(), NO_CHECKPOINT);
    }

    private List<Object[]> apply(List<Object[]> rows, int from, int to, Runnable checkpoint) {
        List<Object[]> current = rows;
        for (int s = from; s < to; s++) {
            checkpoint.run();
            Step step = steps.get(s);
            current = switch (step) {
                case RowStep row -> {
                    List<Object[]> out = new ArrayList<>(current.size());
                    for (Object[] r : current) {
                        checkpoint.run();
                        Object[] t = row.apply(r);
                        if (t != null) {
                            out.add(t);
                        }
                    }
                    yield out;
                }
                case RowSetStep set -> set.apply(current);
            };
        }
        return current;
    }
}
