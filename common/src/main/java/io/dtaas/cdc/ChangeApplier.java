package io.dtaas.cdc;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.jdbc.JdbcDestination;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.Pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a batch of changes to a database destination by primary key. Within a batch only the last change of
 * each key matters (events carry whole rows), so a batch becomes one delete of the keys whose last change is a
 * delete and one upsert (the destination's merge) of the others: replaying a batch after a crash gives the same
 * result, which is what makes at-least-once delivery exact.
 *
 * <p>Each table's row-wise transformations run on every changed row; a row a filter drops is deleted downstream
 * (it may have matched before the change). Key columns must pass through unchanged (a rename is fine), since
 * a delete carries only the key.
 */
public final class ChangeApplier {

    private final Destination destination;
    private final Map<TableRef, TableSchema> schemas;
    private final Map<TableRef, Pipeline> pipelines;
    private final Map<TableRef, TableSchema> outputs = new LinkedHashMap<>();
    private final Function<TableRef, TableRef> targetOf;

    /** @param pipelines each table's transformations bound to its schema; absent means none */
    public ChangeApplier(Destination destination, Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                         Function<TableRef, TableRef> targetOf) {
        if (!(destination instanceof JdbcDestination)) {
            throw new ConfigError("destination_connector_id", "change data capture applies changes to database "
                    + "destinations (PostgreSQL, MySQL/MariaDB) in this version");
        }
        this.destination = destination;
        this.schemas = Map.copyOf(schemas);
        this.pipelines = Map.copyOf(pipelines);
        this.targetOf = targetOf;
    }

    public ChangeApplier(Destination destination, Map<TableRef, TableSchema> schemas, Function<TableRef, TableRef> targetOf) {
        this(destination, schemas, Map.of(), targetOf);
    }

    /**
     * Creates or extends the target tables (from the transformed schema); refuses tables without a primary key,
     * row-set transformations, and transformations that change key values.
     */
    public void prepare() {
        for (TableSchema schema : schemas.values()) {
            if (!schema.hasPrimaryKey()) {
                throw new ConfigError("config.tables", "table " + schema.table() + " has no primary key; change data "
                        + "capture applies changes by primary key");
            }
            Pipeline pipeline = pipeline(schema.table());
            if (pipeline.hasRowSetStep()) {
                throw new ConfigError("config.transformations." + schema.table().name(), "deduplicate, sort, limit and "
                        + "aggregate need a whole table and cannot apply to a change stream");
            }
            List<String> keys = new ArrayList<>();
            for (String k : schema.primaryKey()) {
                keys.add(pipeline.unchanged(k).orElseThrow(() -> new ConfigError(
                        "config.transformations." + schema.table().name(), "key column " + k + " must pass through "
                        + "unchanged (renaming it is fine): deletes are applied by key")));
            }
            TableSchema output = new TableSchema(pipeline.output().table(), pipeline.output().columns(), keys);
            outputs.put(schema.table(), output);
            destination.prepare(output, targetOf.apply(schema.table()), WriteMode.MERGE);
        }
    }

    private Pipeline pipeline(TableRef table) {
        Pipeline p = pipelines.get(table);
        return p != null ? p : Pipeline.identity(schemas.get(table));
    }

    public void apply(List<ChangeEvent> events) {
        Map<TableRef, Map<List<Object>, ChangeEvent>> lastByKey = new LinkedHashMap<>();
        for (ChangeEvent e : events) {
            TableSchema schema = schemas.get(e.table());
            if (schema == null) {
                continue; // a table the stream follows but this task does not load
            }
            List<Object> key = new ArrayList<>(schema.primaryKey().size());
            schema.primaryKey().forEach(k -> key.add(e.values().get(k)));
            lastByKey.computeIfAbsent(e.table(), t -> new LinkedHashMap<>()).put(key, e);
        }
        lastByKey.forEach(this::applyTable);
    }

    private void applyTable(TableRef table, Map<List<Object>, ChangeEvent> changes) {
        TableSchema schema = schemas.get(table);
        TableSchema output = outputs.get(table);
        Pipeline pipeline = pipeline(table);
        TableRef target = targetOf.apply(table);
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> upserts = new ArrayList<>();
        changes.forEach((key, e) -> {
            if (e.op() == ChangeEvent.Op.DELETE) {
                deletes.add(key.toArray());
                return;
            }
            Object[] row = new Object[schema.columns().size()];
            for (int i = 0; i < row.length; i++) {
                Column c = schema.columns().get(i);
                row[i] = e.values().get(c.name());
            }
            Object[] transformed = pipeline.applyRow(row);
            if (transformed == null) {
                deletes.add(key.toArray()); // filtered out now: it may have been loaded before this change
            } else {
                upserts.add(transformed);
            }
        });
        if (!deletes.isEmpty()) {
            ((JdbcDestination) destination).deleteByKeys(output, target, deletes);
        }
        if (!upserts.isEmpty()) {
            try (ChunkWriter writer = destination.open(output, target,
                    new Chunk(table, 0, 1, new ChunkBounds.WholeTable()), WriteMode.MERGE)) {
                writer.write(new Batch(output, upserts));
                writer.commit();
            }
        }
    }
}
