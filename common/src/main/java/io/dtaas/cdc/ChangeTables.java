package io.dtaas.cdc;

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
final class ChangeTables {

    private final Map<TableRef, Pipeline> pipelines = new LinkedHashMap<>();
    private final Function<TableSchema, Pipeline> rebinder;

    /**
     * @param pipelines each table's transformations bound to its schema; absent means none
     * @param rebinder binds a table's transformations to a changed source schema; null: a table with
     *                 transformations keeps its pipeline (columns the source gains are not carried)
     */
    ChangeTables(Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                 Function<TableSchema, Pipeline> rebinder) {
        schemas.forEach((t, s) -> this.pipelines.put(t, pipelines.getOrDefault(t, Pipeline.identity(s))));
        this.rebinder = rebinder;
    }

    Set<TableRef> tables() {
        return pipelines.keySet();
    }

    /** Null for a table the stream follows but this task does not load. */
    Pipeline pipeline(TableRef table) {
        return pipelines.get(table);
    }

    /** Binds the table's transformations to its changed source schema; returns the new pipeline. */
    Pipeline evolve(TableSchema schema) {
        Pipeline old = pipelines.get(schema.table());
        Pipeline next = old == null || old.isIdentity() ? Pipeline.identity(schema)
                : rebinder != null ? rebinder.apply(schema) : old;
        pipelines.put(schema.table(), next);
        return next;
    }

    /** Row-set steps need a whole table: refused for change streams. */
    void refuseRowSetSteps(TableRef table) {
        if (pipelines.get(table).hasRowSetStep()) {
            throw new ConfigError("config.transformations." + table.name(), "deduplicate, sort, limit and "
                    + "aggregate need a whole table and cannot apply to a change stream");
        }
    }

    /** The key's output column names: key columns must pass through unchanged, since a delete carries only the key. */
    List<String> outputKey(TableSchema schema) {
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
    static Object[] inputRow(Pipeline pipeline, ChangeEvent e) {
        Object[] row = new Object[pipeline.input().columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = e.values().get(pipeline.input().columns().get(i).name());
        }
        return row;
    }

    /**
     * An output row holding only what passes through the transformations unchanged (the key, at least), null
     * elsewhere: how a delete, which may carry only its key, is written out.
     */
    static Object[] passThroughRow(Pipeline pipeline, ChangeEvent e) {
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
