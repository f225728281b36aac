package io.dtaas.connect.objectstore;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.change.ChangeTables;
import io.dtaas.connect.change.UnchangedValue;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.Pipeline;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes change files to a file destination (S3, local files): each applied batch becomes one file per table
 * holding every change of the batch in source order, the (transformed) row columns followed by {@value #OP}
 * ({@code I}, {@code U}, {@code D}), {@value #SOURCE_TS} (when the change was made at the source) and
 * {@value #POSITION} (the source position, text) and {@value #UNCHANGED}: the columns an update left out (PostgreSQL's
 * unchanged TOASTed values), as a JSON array of names, e.g. {@code ["doc"]}, null when it carried them all; such a
 * column is empty in the row and must not be read as NULL. A delete carries its key (and whatever else the source's log
 * holds of the old row); a row a filter drops after an update is written as a delete when the table has a key.
 *
 * <p>Names are deterministic: {@code changes-<first change's source time>-<hash of its position>} in the
 * {@code load_date=} folder of the first change's source date. The stream commits its offset only after the
 * file is published, and a replay starts at the same first change, so a replayed batch replaces its file
 * (with the same changes, or more) instead of adding a second one: exactly once in the files.
 *
 * <p>No key is needed: tables without a primary key get a change log too (PostgreSQL sources need
 * {@code REPLICA IDENTITY FULL} on them for updates and deletes to be logged at all).
 */
public final class FileChangeSink implements ChangeSink {

    public static final String OP = "_op";
    public static final String SOURCE_TS = "_source_ts";
    public static final String POSITION = "_position";
    public static final String UNCHANGED = "_dtaas_unchanged";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final FileDestination destination;
    private final Map<TableRef, TableSchema> schemas;
    private final ChangeTables tables;
    private final Map<TableRef, TableSchema> outputs = new LinkedHashMap<>();
    private final Function<TableRef, TableRef> targetOf;

    FileChangeSink(FileDestination destination, Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                   Function<TableSchema, Pipeline> rebinder, Function<TableRef, TableRef> targetOf) {
        this.destination = destination;
        this.schemas = new LinkedHashMap<>(schemas);
        this.tables = new ChangeTables(schemas, pipelines, rebinder);
        this.targetOf = targetOf;
    }

    @Override
    public void prepare() {
        for (TableSchema schema : schemas.values()) {
            tables.refuseRowSetSteps(schema.table());
            prepareTarget(schema);
        }
    }

    private void prepareTarget(TableSchema schema) {
        Pipeline pipeline = tables.pipeline(schema.table());
        List<Column> columns = new ArrayList<>();
        // a delete carries its key only: every row column may be empty in a change file
        pipeline.output().columns().forEach(c -> columns.add(new Column(c.name(), c.type(), true)));
        columns.add(new Column(OP, ColumnType.of(ColumnKind.STRING), false));
        columns.add(new Column(SOURCE_TS, ColumnType.of(ColumnKind.TIMESTAMP_TZ), true));
        columns.add(new Column(POSITION, ColumnType.of(ColumnKind.STRING), true));
        columns.add(new Column(UNCHANGED, ColumnType.of(ColumnKind.STRING), true));
        // the key must reach the files unchanged for a delete to say which row it removed
        List<String> key = tables.outputKey(schema);
        TableSchema output = new TableSchema(pipeline.output().table(), columns, key);
        outputs.put(schema.table(), output);
        destination.prepareChanges(output, targetOf.apply(schema.table()));
    }

    /** Columns the source gained appear in the next files; files already written keep their columns. */
    @Override
    public void addTable(TableSchema schema, Pipeline pipeline) {
        schemas.put(schema.table(), schema);
        tables.add(schema, pipeline);
        tables.refuseRowSetSteps(schema.table());
        prepareTarget(schema);
    }

    /** A change log keeps its history: the copy's rows arrive as inserts after it. */
    @Override
    public void resetTable(TableRef table) {
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
            if (outputs.containsKey(e.table())) {
                byTable.computeIfAbsent(e.table(), t -> new ArrayList<>()).add(e);
            }
        }
        byTable.forEach(this::writeTable);
    }

    /** The {@value #UNCHANGED} value of an update: the output columns it left out, as a JSON array; null for none. */
    private static String unchanged(Pipeline pipeline, ChangeEvent e) {
        java.util.Set<String> columns = UnchangedValue.outputColumns(pipeline, e);
        if (columns.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(columns);
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException("a list of names always serializes", x);
        }
    }

    private void writeTable(TableRef table, List<ChangeEvent> changes) {
        TableSchema output = outputs.get(table);
        Pipeline pipeline = tables.pipeline(table);
        int width = pipeline.output().columns().size();
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (ChangeEvent e : changes) {
            ChangeTables.LoggedChange change = ChangeTables.logged(pipeline, e, output.hasPrimaryKey());
            if (change == null) {
                continue;
            }
            Object[] row = Arrays.copyOf(change.values(), width + 4);
            row[width] = change.op().code();
            row[width + 1] = e.sourceTs();
            row[width + 2] = e.position();
            row[width + 3] = change.op() == ChangeEvent.Op.UPDATE ? unchanged(pipeline, e) : null;
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return;
        }
        ChangeEvent first = changes.getFirst();
        destination.writeFile(output, targetOf.apply(table), LocalDate.ofInstant(ChangeTables.changeTime(first),
                ZoneOffset.UTC), ChangeTables.batchName(first), new Batch(output, rows));
    }
}
