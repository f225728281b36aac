package io.dtaas.connect.jdbc;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.change.ChangeTables;
import io.dtaas.connect.change.UnchangedValue;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.Pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>With {@code track_deletes} the target has two more columns, {@value #DELETED} and {@value #DELETED_AT}: a
 * delete sets them on the row (keeping its last values) instead of removing it, at the change's source time
 * (so a replay sets the same time); an insert or update of the key clears them.
 */
public final class ChangeApplier implements ChangeSink {

    public static final String DELETED = ChangeTables.DELETED;
    public static final String DELETED_AT = ChangeTables.DELETED_AT;

    private final JdbcDestination destination;
    private final Map<TableRef, TableSchema> schemas;
    private final ChangeTables tables;
    private final Map<TableRef, TableSchema> outputs = new LinkedHashMap<>();
    private final Function<TableRef, TableRef> targetOf;
    private final boolean trackDeletes;

    /**
     * @param pipelines each table's transformations bound to its schema; absent means none
     * @param rebinder binds a table's transformations to a changed source schema; null: tables with
     *                 transformations do not carry columns the source gains
     */
    public ChangeApplier(Destination destination, Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                         Function<TableSchema, Pipeline> rebinder, Function<TableRef, TableRef> targetOf,
                         boolean trackDeletes) {
        if (!(destination instanceof JdbcDestination jdbc)) {
            throw new ConfigError("destination_connector_id", "change data capture applies changes by key to "
                    + "database destinations (PostgreSQL, MySQL/MariaDB) only");
        }
        this.destination = jdbc;
        this.schemas = new HashMap<>(schemas);
        this.tables = new ChangeTables(schemas, pipelines, rebinder);
        this.targetOf = targetOf;
        this.trackDeletes = trackDeletes;
    }

    public ChangeApplier(Destination destination, Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                         Function<TableRef, TableRef> targetOf) {
        this(destination, schemas, pipelines, null, targetOf, false);
    }

    public ChangeApplier(Destination destination, Map<TableRef, TableSchema> schemas, Function<TableRef, TableRef> targetOf) {
        this(destination, schemas, Map.of(), targetOf);
    }

    /**
     * Creates or extends the target tables (from the transformed schema); refuses tables without a primary key,
     * row-set transformations, and transformations that change key values.
     */
    @Override
    public void prepare() {
        for (TableSchema schema : schemas.values()) {
            if (!schema.hasPrimaryKey()) {
                throw new ConfigError("config.tables", "table " + schema.table() + " has no primary key; change data "
                        + "capture applies changes to database destinations by primary key (S3 and local-file "
                        + "destinations take a change log of tables without one)");
            }
            tables.refuseRowSetSteps(schema.table());
            prepareTarget(schema);
        }
    }

    private void prepareTarget(TableSchema schema) {
        TableSchema previous = outputs.get(schema.table());
        Pipeline pipeline = tables.pipeline(schema.table());
        List<Column> columns = new ArrayList<>(pipeline.output().columns());
        if (trackDeletes) {
            columns.add(new Column(DELETED, ColumnType.of(ColumnKind.BOOLEAN), true));
            columns.add(new Column(DELETED_AT, ColumnType.of(ColumnKind.TIMESTAMP_TZ), true));
        }
        TableSchema output = new TableSchema(pipeline.output().table(), columns, tables.outputKey(schema));
        outputs.put(schema.table(), output);
        TableRef target = targetOf.apply(schema.table());
        destination.prepare(output, target, WriteMode.MERGE);
        if (previous != null) {
            // a column the source dropped stays in the target; rows changed from now on carry NULL in it
            for (Column c : previous.columns()) {
                int i = output.indexOf(c.name());
                if (!c.nullable() && i >= 0 && output.columns().get(i).nullable()) {
                    destination.dropNotNull(target, output.columns().get(i));
                }
            }
        }
    }

    private static void keep(List<Object[]> upserts, Map<java.util.Set<String>, List<Object[]>> kept, Object[] row,
                             java.util.Set<String> unchanged) {
        if (unchanged.isEmpty()) {
            upserts.add(row);
        } else {
            kept.computeIfAbsent(unchanged, k -> new ArrayList<>()).add(row);
        }
    }

    @Override
    public void addTable(TableSchema schema, Pipeline pipeline) {
        schemas.put(schema.table(), schema);
        tables.add(schema, pipeline);
        if (!schema.hasPrimaryKey()) {
            throw new ConfigError("config.tables", "table " + schema.table() + " has no primary key; change data "
                    + "capture applies changes to database destinations by primary key");
        }
        tables.refuseRowSetSteps(schema.table());
        prepareTarget(schema);
    }

    /** The target's rows are deleted in one transaction (a copy of the table refills it). */
    @Override
    public void resetTable(TableRef table) {
        if (outputs.containsKey(table)) {
            destination.deleteAll(targetOf.apply(table));
        }
    }

    @Override
    public void evolve(TableSchema schema) {
        if (!schemas.containsKey(schema.table())) {
            return;
        }
        schemas.put(schema.table(), schema);
        tables.evolve(schema);
        prepareTarget(schema);
    }

    @Override
    public void apply(List<ChangeEvent> events) {
        Map<TableRef, Map<List<Object>, ChangeEvent>> lastByKey = new LinkedHashMap<>();
        // with track_deletes, a key inserted and deleted in one batch is written with its last values, flagged
        Map<TableRef, Map<List<Object>, ChangeEvent>> lastRowByKey = new HashMap<>();
        for (ChangeEvent e : events) {
            TableSchema schema = schemas.get(e.table());
            if (schema == null) {
                continue; // a table the stream follows but this task does not load
            }
            List<Object> key = new ArrayList<>(schema.primaryKey().size());
            schema.primaryKey().forEach(k -> key.add(e.values().get(k)));
            Map<List<Object>, ChangeEvent> last = lastByKey.computeIfAbsent(e.table(), t -> new LinkedHashMap<>());
            // a value an update left out (unchanged TOAST) is the one an earlier change of the batch carried
            ChangeEvent filled = UnchangedValue.filledFrom(e, last.get(key));
            last.put(key, filled);
            if (e.op() != ChangeEvent.Op.DELETE) {
                lastRowByKey.computeIfAbsent(e.table(), t -> new HashMap<>()).put(key, filled);
            }
        }
        lastByKey.forEach((table, changes) -> applyTable(table, changes, lastRowByKey.getOrDefault(table, Map.of())));
    }

    private void applyTable(TableRef table, Map<List<Object>, ChangeEvent> changes,
                            Map<List<Object>, ChangeEvent> lastRows) {
        TableSchema output = outputs.get(table);
        Pipeline pipeline = tables.pipeline(table);
        TableRef target = targetOf.apply(table);
        List<Object[]> deletes = new ArrayList<>();
        List<Instant> deletedAt = new ArrayList<>();
        List<Object[]> upserts = new ArrayList<>();
        Map<java.util.Set<String>, List<Object[]>> kept = new LinkedHashMap<>();
        changes.forEach((key, e) -> {
            Object[] transformed = e.op() == ChangeEvent.Op.DELETE ? null
                    : pipeline.applyRow(ChangeTables.inputRow(pipeline, e));
            Instant at = e.sourceTs() != null ? e.sourceTs() : Instant.now();
            ChangeEvent lastRow = lastRows.get(key);
            Object[] lastValues = trackDeletes && transformed == null && lastRow != null
                    ? pipeline.applyRow(ChangeTables.inputRow(pipeline, lastRow)) : null;
            if (lastValues != null) {
                // inserted or updated earlier in this batch, so maybe not in the target yet: upsert it flagged
                Object[] row = java.util.Arrays.copyOf(lastValues, lastValues.length + 2);
                row[lastValues.length] = true;
                row[lastValues.length + 1] = at;
                upserts.add(row);
            } else if (transformed == null) {
                // a delete, or filtered out now: it may have been loaded before this change
                deletes.add(key.toArray());
                deletedAt.add(at);
            } else if (trackDeletes) {
                Object[] row = java.util.Arrays.copyOf(transformed, transformed.length + 2);
                row[transformed.length] = false; // a re-inserted key is alive again
                keep(upserts, kept, row, UnchangedValue.outputColumns(pipeline, e));
            } else {
                keep(upserts, kept, transformed, UnchangedValue.outputColumns(pipeline, e));
            }
        });
        // rows whose update left large values out are merged without those columns: the target keeps its values
        kept.forEach((columns, rows) -> {
            List<Column> narrow = output.columns().stream().filter(c -> !columns.contains(c.name())).toList();
            TableSchema partial = new TableSchema(output.table(), narrow, output.primaryKey());
            List<Object[]> values = rows.stream().map(r -> {
                Object[] v = new Object[narrow.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r[output.indexOf(narrow.get(i).name())];
                }
                return v;
            }).toList();
            try (ChunkWriter writer = destination.openChanges(partial, target)) {
                writer.write(new Batch(partial, new ArrayList<>(values)));
                writer.commit();
            }
        });
        if (!deletes.isEmpty()) {
            if (trackDeletes) {
                destination.markDeletedByKeys(output, target, deletes, DELETED, DELETED_AT, deletedAt);
            } else {
                destination.deleteByKeys(output, target, deletes);
            }
        }
        if (!upserts.isEmpty()) {
            try (ChunkWriter writer = destination.openChanges(output, target)) {
                writer.write(new Batch(output, upserts));
                writer.commit();
            }
        }
    }
}
