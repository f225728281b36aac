package io.dtaas.connect.snowflake;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.change.ChangeTables;
import io.dtaas.connect.change.UnchangedValue;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.Pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies changes to Snowflake by key: each batch's changes of a table (every change, in order, with
 * {@code _op}, {@code _source_ts}, {@code _position} and {@code _seq}) are staged as one Parquet file named
 * after the batch's first change and MERGEd, the last change per key winning
 * ({@link SnowflakeDestination#applyChanges}); {@code track_deletes} flags rows as the database destinations do ({@link ChangeTables#DELETED}).
 * A replayed batch stages under the same name and merges to the same result. Verified at the SQL level only:
 * no test connects to Snowflake.
 */
public final class SnowflakeChangeSink implements ChangeSink {

    private final SnowflakeDestination destination;
    private final Map<TableRef, TableSchema> schemas;
    private final ChangeTables tables;
    /** Per source table: the row columns staged and merged (transformed; flags not included). */
    private final Map<TableRef, TableSchema> rows = new LinkedHashMap<>();
    private final Map<TableRef, TableSchema> targets = new HashMap<>();
    private final Function<TableRef, TableRef> targetOf;
    private final boolean trackDeletes;

    SnowflakeChangeSink(SnowflakeDestination destination, Map<TableRef, TableSchema> schemas,
                        Map<TableRef, Pipeline> pipelines, Function<TableSchema, Pipeline> rebinder,
                        Function<TableRef, TableRef> targetOf, boolean trackDeletes) {
        this.destination = destination;
        this.schemas = new LinkedHashMap<>(schemas);
        this.tables = new ChangeTables(schemas, pipelines, rebinder);
        this.targetOf = targetOf;
        this.trackDeletes = trackDeletes;
    }

    @Override
    public void prepare() {
        for (TableSchema schema : schemas.values()) {
            if (!schema.hasPrimaryKey()) {
                throw new ConfigError("config.tables", "table " + schema.table() + " has no primary key; change data "
                        + "capture merges changes into Snowflake by primary key");
            }
            tables.refuseRowSetSteps(schema.table());
            prepareTarget(schema);
        }
    }

    private void prepareTarget(TableSchema schema) {
        Pipeline pipeline = tables.pipeline(schema.table());
        TableSchema row = new TableSchema(pipeline.output().table(), pipeline.output().columns(), tables.outputKey(schema));
        List<Column> columns = new ArrayList<>(row.columns());
        if (trackDeletes) {
            columns.add(new Column(ChangeTables.DELETED, ColumnType.of(ColumnKind.BOOLEAN), true));
            columns.add(new Column(ChangeTables.DELETED_AT, ColumnType.of(ColumnKind.TIMESTAMP_TZ), true));
        }
        TableSchema target = new TableSchema(row.table(), columns, row.primaryKey());
        TableSchema previous = targets.put(schema.table(), target);
        rows.put(schema.table(), row);
        TableRef targetTable = targetOf.apply(schema.table());
        destination.prepare(target, targetTable, WriteMode.MERGE);
        if (previous != null) {
            for (Column c : previous.columns()) {
                int i = target.indexOf(c.name());
                if (!c.nullable() && i >= 0 && target.columns().get(i).nullable()) {
                    destination.dropNotNull(targetTable, target.columns().get(i));
                }
            }
        }
    }

    @Override
    public void addTable(TableSchema schema, Pipeline pipeline) {
        if (!schema.hasPrimaryKey()) {
            throw new ConfigError("config.tables", "table " + schema.table() + " has no primary key; change data "
                    + "capture merges changes into Snowflake by primary key");
        }
        schemas.put(schema.table(), schema);
        tables.add(schema, pipeline);
        tables.refuseRowSetSteps(schema.table());
        prepareTarget(schema);
    }

    @Override
    public void resetTable(TableRef table) {
        if (targets.containsKey(table)) {
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
        Map<TableRef, List<ChangeEvent>> byTable = new LinkedHashMap<>();
        for (ChangeEvent e : events) {
            if (rows.containsKey(e.table())) {
                byTable.computeIfAbsent(e.table(), t -> new ArrayList<>()).add(e);
            }
        }
        byTable.forEach(this::applyTable);
    }

    private void applyTable(TableRef table, List<ChangeEvent> changes) {
        TableSchema row = rows.get(table);
        Pipeline pipeline = tables.pipeline(table);
        int width = row.columns().size();
        List<Object[]> staged = new ArrayList<>(changes.size());
        long seq = 0;
        Map<List<Object>, ChangeEvent> lastByKey = new HashMap<>();
        for (ChangeEvent original : changes) {
            seq++; // counted from the batch's first change, so a replayed batch numbers the same change alike
            // only a key's last change is merged: a value it left out (unchanged TOAST) that an earlier change of
            // the batch carried is taken from there; what is still missing keeps the target's value
            List<Object> key = schemas.get(table).primaryKey().stream().map(k -> original.values().get(k)).toList();
            ChangeEvent e = UnchangedValue.filledFrom(original, lastByKey.get(key));
            lastByKey.put(key, e);
            ChangeTables.LoggedChange change = ChangeTables.logged(pipeline, e, true);
            Object[] values = Arrays.copyOf(change.values(), width + 5);
            values[width] = change.op().code();
            values[width + 1] = ChangeTables.changeTime(e);
            values[width + 2] = e.position();
            values[width + 3] = seq;
            values[width + 4] = change.op() == ChangeEvent.Op.UPDATE
                    ? SnowflakeSql.unchangedFlags(row, UnchangedValue.outputColumns(pipeline, e)) : null;
            staged.add(values);
        }
        destination.applyChanges(row, targetOf.apply(table), ChangeTables.batchName(changes.getFirst()), staged,
                trackDeletes ? new SnowflakeSql.SoftDelete(ChangeTables.DELETED, ChangeTables.DELETED_AT) : null);
    }
}
