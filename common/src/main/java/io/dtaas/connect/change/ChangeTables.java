package io.dtaas.connect.change;

import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.Pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The tables a change sink follows, each with its transformations bound to the source schema it knows, and
 * how that changes when the source gains or loses columns. Used by one thread at a time (prepare, then the
 * stream's thread).
 */
public final class ChangeTables {

    /** With {@code track_deletes}: the target's column saying a row was deleted at the source. */
    public static final String DELETED = "_dtaas_deleted";
    /** With {@code track_deletes}: when the delete was made at the source. */
    public static final String DELETED_AT = "_dtaas_deleted_at";

    private final Map<TableRef, Pipeline> pipelines = new LinkedHashMap<>();
    private final Function<TableSchema, Pipeline> rebinder;

    /**
     * @param pipelines each table's transformations bound to its schema; absent means none
     * @param rebinder binds a table's transformations to a changed source schema; null: a table with
     *                 transformations keeps its pipeline (columns the source gains are not carried)
     */
    public ChangeTables(Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                 Function<TableSchema, Pipeline> rebinder) {
        schemas.forEach((t, s) -> this.pipelines.put(t, pipelines.getOrDefault(t, Pipeline.identity(s))));
        this.rebinder = rebinder;
    }

    /** A table joins a running stream (issue 16), with its transformations bound to its schema. */
    public void add(TableSchema schema, Pipeline pipeline) {
        pipelines.put(schema.table(), pipeline == null ? Pipeline.identity(schema) : pipeline);
    }

    public Set<TableRef> tables() {
        return pipelines.keySet();
    }

    /** Null for a table the stream follows but this task does not load. */
    public Pipeline pipeline(TableRef table) {
        return pipelines.get(table);
    }

    /** Binds the table's transformations to its changed source schema; returns the new pipeline. */
    public Pipeline evolve(TableSchema schema) {
        Pipeline old = pipelines.get(schema.table());
        Pipeline next = old == null || old.isIdentity() ? Pipeline.identity(schema)
                : rebinder != null ? rebinder.apply(schema) : old;
        pipelines.put(schema.table(), next);
        return next;
    }

    /** Row-set steps need a whole table: refused for change streams. */
    public void refuseRowSetSteps(TableRef table) {
        if (pipelines.get(table).hasRowSetStep()) {
            throw new ConfigError("config.transformations." + table.name(), "deduplicate, sort, limit and "
                    + "aggregate need a whole table and cannot apply to a change stream");
        }
    }

    /** The key's output column names: key columns must pass through unchanged, since a delete carries only the key. */
    public List<String> outputKey(TableSchema schema) {
        Pipeline pipeline = pipelines.get(schema.table());
        List<String> keys = new ArrayList<>();
        for (String k : schema.primaryKey()) {
            keys.add(pipeline.unchanged(k).orElseThrow(() -> new ConfigError(
                    "config.transformations." + schema.table().name(), "key column " + k + " must pass through "
                    + "unchanged (renaming it is fine): deletes are applied by key")));
        }
        return keys;
    }

    /** The event's values in the order of the pipeline's input columns (null for columns it lacks). */
    public static Object[] inputRow(Pipeline pipeline, ChangeEvent e) {
        Object[] row = new Object[pipeline.input().columns().size()];
        for (int i = 0; i < row.length; i++) {
            Object v = e.values().get(pipeline.input().columns().get(i).name());
            row[i] = v == UnchangedValue.INSTANCE ? null : v; // sinks that keep such a value leave its column out
        }
        return row;
    }

    /** One change as a change log holds it: its op and the transformed row. */
    public record LoggedChange(ChangeEvent.Op op, Object[] values) {
    }

    /**
     * The change as a change-log row: inserts and updates transformed; a delete, and a row a filter drops
     * when the table has a key, as a delete carrying what passes through unchanged. Null: a keyless table's
     * row a filter drops (nothing could name it).
     */
    public static LoggedChange logged(Pipeline pipeline, ChangeEvent e, boolean keyed) {
        Object[] values = e.op() == ChangeEvent.Op.DELETE ? null : pipeline.applyRow(inputRow(pipeline, e));
        if (values != null) {
            return new LoggedChange(e.op(), values);
        }
        return e.op() != ChangeEvent.Op.DELETE && !keyed ? null
                : new LoggedChange(ChangeEvent.Op.DELETE, passThroughRow(pipeline, e));
    }

    /**
     * A batch's name from its first change: {@code changes-<source time>-<hash of the position>}. A replay
     * starts at the same change, so it gets the same name and replaces what the first attempt wrote.
     */
    public static String batchName(ChangeEvent first) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(String.valueOf(first.position())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "changes-" + NAME_TIME.format(changeTime(first)) + "-" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** When the change was made at the source (now, when the log does not say). */
    public static java.time.Instant changeTime(ChangeEvent e) {
        return e.sourceTs() != null ? e.sourceTs() : java.time.Instant.now();
    }

    private static final java.time.format.DateTimeFormatter NAME_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /**
     * An output row holding only what passes through the transformations unchanged (the key, at least), null
     * elsewhere: how a delete, which may carry only its key, is written out.
     */
    public static Object[] passThroughRow(Pipeline pipeline, ChangeEvent e) {
        TableSchema out = pipeline.output();
        Object[] row = new Object[out.columns().size()];
        for (var c : pipeline.input().columns()) {
            Optional<String> name = pipeline.unchanged(c.name());
            if (name.isPresent() && out.indexOf(name.get()) >= 0) {
                row[out.indexOf(name.get())] = e.values().get(c.name());
            }
        }
        return row;
    }
}
