package io.dtaas.connect.change;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A column an UPDATE did not change and the log did not carry (issue 16, item 6): PostgreSQL leaves unchanged
 * TOASTed values (large text, bytea, jsonb) out of an UPDATE unless the table has {@code REPLICA IDENTITY FULL},
 * and Debezium fills them with its placeholder. Such a column is held in {@link ChangeEvent#values()} as
 * {@link #INSTANCE}, so sinks keep the target's current value instead of writing the placeholder.
 */
public final class UnchangedValue {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    static final String PLACEHOLDER = "__debezium_unavailable_value";
    private static final byte[] PLACEHOLDER_BYTES = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);

    public static final UnchangedValue INSTANCE = new UnchangedValue();

    private UnchangedValue() {
    }

    /** Whether a raw change value is the placeholder of a value the log left out. */
    public static boolean isPlaceholder(Object raw) {
        return switch (raw) {
            case String s -> s.equals(PLACEHOLDER);
            case byte[] b -> java.util.Arrays.equals(b, PLACEHOLDER_BYTES);
            case ByteBuffer b -> b.remaining() == PLACEHOLDER_BYTES.length
                    && b.duplicate().equals(ByteBuffer.wrap(PLACEHOLDER_BYTES));
            case null, default -> false;
        };
    }

    /** The names of the event's columns that did not arrive. */
    public static List<String> columns(ChangeEvent e) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Object> v : e.values().entrySet()) {
            if (v.getValue() == INSTANCE) {
                names.add(v.getKey());
            }
        }
        return names;
    }

    /**
     * The output columns an update left out: the pass-through columns (the key's kind: renamed at most) of values
     * the log did not carry. A column computed from such a value is not among them (it is computed from NULL).
     */
    public static java.util.Set<String> outputColumns(io.dtaas.transform.Pipeline pipeline, ChangeEvent e) {
        java.util.Set<String> columns = new java.util.LinkedHashSet<>();
        if (e.op() == ChangeEvent.Op.UPDATE) {
            columns(e).forEach(c -> pipeline.unchanged(c).ifPresent(columns::add));
        }
        return columns;
    }

    /**
     * The event with the columns that did not arrive taken from an earlier change of the same key in the same batch
     * (its values are the current ones); those it still lacks keep the target's value.
     */
    public static ChangeEvent filledFrom(ChangeEvent e, ChangeEvent earlier) {
        if (earlier == null || earlier.op() == ChangeEvent.Op.DELETE || columns(e).isEmpty()) {
            return e;
        }
        Map<String, Object> values = new java.util.HashMap<>(e.values());
        for (String c : columns(e)) {
            if (earlier.values().containsKey(c)) {
                values.put(c, earlier.values().get(c));
            }
        }
        return new ChangeEvent(e.op(), e.table(), values, e.position(), e.sourceTs());
    }

    @Override
    public String toString() {
        return "(unchanged)";
    }
}
