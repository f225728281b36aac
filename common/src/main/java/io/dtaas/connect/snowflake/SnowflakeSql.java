package io.dtaas.connect.snowflake;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.jdbc.ChunkQuery;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements that load a chunk into Snowflake: the chunk is written as a Parquet file, PUT on the
 * table's stage under a per-chunk path, then copied in (after deleting what an earlier attempt loaded), or
 * merged by primary key through a temporary table. Overwrites load a staging table and SWAP it in.
 * Verified at the SQL level only: tests never connect to Snowflake.
 */
public final class SnowflakeSql {

    private final SnowflakeDialect dialect = new SnowflakeDialect();

    public String createTable(TableSchema source, TableRef table) {
        List<String> defs = new ArrayList<>();
        for (Column c : source.columns()) {
            boolean inPk = source.primaryKey().contains(c.name());
            defs.add(dialect.quote(c.name()) + " " + SnowflakeTypes.toSnowflake(c.type()) + (c.nullable() && !inPk ? "" : " NOT NULL"));
        }
        if (source.hasPrimaryKey()) {
            defs.add("PRIMARY KEY (" + source.primaryKey().stream().map(dialect::quote).collect(Collectors.joining(", ")) + ")");
        }
        return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (" + String.join(", ", defs) + ")";
    }

    public String addColumn(TableRef table, Column column) {
        return "ALTER TABLE " + qualified(table) + " ADD COLUMN " + dialect.quote(column.name()) + " "
                + SnowflakeTypes.toSnowflake(column.type());
    }

    /** Stage path of one chunk; re-used by every attempt so a retry replaces the file. */
    public String stagePath(TableRef table, Chunk chunk) {
        return "@" + tableStage(table) + "/dtaas/chunk-" + String.format("%05d", chunk.index());
    }

    public String put(Path localFile, TableRef table, Chunk chunk) {
        return "PUT 'file://" + localFile.toAbsolutePath().toString().replace("'", "\\'") + "' '" + stagePath(table, chunk)
                + "' AUTO_COMPRESS = FALSE OVERWRITE = TRUE";
    }

    public ChunkQuery deleteRange(TableRef table, Chunk chunk) {
        return ChunkQuery.delete(dialect, qualified(table), chunk);
    }

    public String copyInto(TableSchema source, TableRef into, TableRef stageOf, Chunk chunk) {
        return copyFrom(source, into, stagePath(stageOf, chunk));
    }

    private String copyFrom(TableSchema source, TableRef into, String stagePath) {
        String columns = source.columns().stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
        String select = source.columns().stream().map(c -> SnowflakeTypes.fromParquet(c.name(), c.type(), dialect))
                .collect(Collectors.joining(", "));
        return "COPY INTO " + qualified(into) + " (" + columns + ") FROM (SELECT " + select + " FROM '"
                + stagePath + "') FILE_FORMAT = (TYPE = PARQUET) FORCE = TRUE PURGE = TRUE";
    }

    public String createTempLike(TableRef temp, TableRef target) {
        return "CREATE OR REPLACE TEMPORARY TABLE " + qualified(temp) + " LIKE " + qualified(target);
    }

    public String merge(TableSchema source, TableRef target, TableRef temp) {
        List<String> pk = source.primaryKey();
        String on = pk.stream().map(k -> "t." + dialect.quote(k) + " = s." + dialect.quote(k)).collect(Collectors.joining(" AND "));
        List<String> others = source.columns().stream().map(Column::name).filter(n -> !pk.contains(n)).toList();
        String columns = source.columns().stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
        String values = source.columns().stream().map(c -> "s." + dialect.quote(c.name())).collect(Collectors.joining(", "));
        String update = others.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + others.stream()
                .map(n -> "t." + dialect.quote(n) + " = s." + dialect.quote(n)).collect(Collectors.joining(", "));
        return "MERGE INTO " + qualified(target) + " t USING " + qualified(temp) + " s ON " + on + update
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + values + ")";
    }

    /** The flag and time columns a soft delete sets ({@code track_deletes}). */
    public record SoftDelete(String flag, String at) {
    }

    /**
     * The columns of a batch of changes as staged (change data capture): the row's, all nullable (a delete
     * carries its key only), then {@code _op} (I, U, D), {@code _source_ts}, {@code _position}, {@code _seq},
     * the change's order in the batch, and {@code _unchanged}: which row columns an update left out (see
     * {@link #unchangedFlags}), NULL when it carried them all.
     */
    public static TableSchema changesSchema(TableSchema source) {
        List<Column> columns = new ArrayList<>();
        source.columns().forEach(c -> columns.add(new Column(c.name(), c.type(), true)));
        columns.add(new Column("_op", new ColumnType(ColumnKind.STRING, 1, null, null), false));
        columns.add(new Column("_source_ts", ColumnType.of(ColumnKind.TIMESTAMP_TZ), true));
        columns.add(new Column("_position", ColumnType.of(ColumnKind.STRING), true));
        columns.add(new Column("_seq", ColumnType.of(ColumnKind.INT64), false));
        columns.add(new Column(UNCHANGED, ColumnType.of(ColumnKind.STRING), true));
        return new TableSchema(source.table(), columns, List.of());
    }

    /** The staged column marking the row columns an update left out (unchanged TOASTed values). */
    static final String UNCHANGED = "_unchanged";

    /**
     * The {@code _unchanged} value of a staged change: one character per row column, in order, {@code 1} for a
     * column the update left out (its target value is kept), {@code 0} otherwise; null when none was left out.
     * Positions, not names, so no column name needs escaping.
     */
    public static String unchangedFlags(TableSchema rows, java.util.Set<String> unchanged) {
        if (unchanged.isEmpty()) {
            return null;
        }
        StringBuilder flags = new StringBuilder(rows.columns().size());
        rows.columns().forEach(c -> flags.append(unchanged.contains(c.name()) ? '1' : '0'));
        return flags.toString();
    }

    /**
     * The value a MERGE sets a non-key column to: the target's own (t) when the staged change (s) marks it left
     * out, else the one that arrived. Plain SQL ({@code CASE}, {@code SUBSTR}) that PostgreSQL runs alike, which
     * is how its semantics are tested.
     *
     * @param position the column's 1-based place among the row columns
     */
    public String arrivedOrKept(String column, int position) {
        String q = dialect.quote(column);
        return "CASE WHEN SUBSTR(s." + dialect.quote(UNCHANGED) + ", " + position + ", 1) = '1' THEN t." + q
                + " ELSE s." + q + " END";
    }

    /** A session-scoped table a batch of changes is copied into before the MERGE. */
    public String createChangesTable(TableSchema source, TableRef changes) {
        return createTable(changesSchema(source), changes).replace("CREATE TABLE IF NOT EXISTS ",
                "CREATE OR REPLACE TEMPORARY TABLE ");
    }

    /** Stage path of one batch of changes, named after its first position so a replayed batch replaces it. */
    public String changesStagePath(TableRef table, String batchName) {
        return "@" + tableStage(table) + "/dtaas/" + batchName;
    }

    public String putChanges(Path localFile, TableRef table, String batchName) {
        return "PUT 'file://" + localFile.toAbsolutePath().toString().replace("'", "\\'") + "' '"
                + changesStagePath(table, batchName) + "' AUTO_COMPRESS = FALSE OVERWRITE = TRUE";
    }

    /** Copies a staged batch of changes (shaped by {@link #changesSchema}) into its temporary table. */
    public String copyChanges(TableSchema source, TableRef into, TableRef stageOf, String batchName) {
        return copyFrom(changesSchema(source), into, changesStagePath(stageOf, batchName));
    }

    /** A column whose source column was dropped: rows changed from now on carry NULL in it. */
    public String dropNotNull(TableRef table, Column column) {
        return "ALTER TABLE " + qualified(table) + " ALTER COLUMN " + dialect.quote(column.name()) + " DROP NOT NULL";
    }

    /**
     * Applies a batch of staged changes by primary key: per key only its last change counts (highest
     * {@code _seq}); a delete removes the row, or with {@code softDelete} (null: hard deletes) flags it with
     * the change's source time; an insert or update upserts the row (and clears the flag), keeping the target's
     * value of each column the change marks left out ({@link #arrivedOrKept}). Replaying the batch gives the same
     * result.
     */
    public String mergeChanges(TableSchema source, TableRef target, TableRef changes, SoftDelete softDelete) {
        List<String> pk = source.primaryKey();
        String on = pk.stream().map(k -> "t." + dialect.quote(k) + " = s." + dialect.quote(k)).collect(Collectors.joining(" AND "));
        String partition = pk.stream().map(dialect::quote).collect(Collectors.joining(", "));
        List<String> set = new ArrayList<>(matchedUpdates(source));
        List<String> columns = new ArrayList<>(source.columns().stream().map(c -> dialect.quote(c.name())).toList());
        List<String> values = new ArrayList<>(source.columns().stream().map(c -> "s." + dialect.quote(c.name())).toList());
        String onDelete = " WHEN MATCHED AND s.\"_op\" = 'D' THEN DELETE";
        if (softDelete != null) {
            onDelete = " WHEN MATCHED AND s.\"_op\" = 'D' THEN UPDATE SET t." + dialect.quote(softDelete.flag())
                    + " = TRUE, t." + dialect.quote(softDelete.at()) + " = s.\"_source_ts\"";
            set.add("t." + dialect.quote(softDelete.flag()) + " = FALSE");
            set.add("t." + dialect.quote(softDelete.at()) + " = NULL");
            columns.add(dialect.quote(softDelete.flag()));
            columns.add(dialect.quote(softDelete.at()));
            values.add("FALSE");
            values.add("NULL");
        }
        return "MERGE INTO " + qualified(target) + " t USING (SELECT * FROM " + qualified(changes)
                + " QUALIFY ROW_NUMBER() OVER (PARTITION BY " + partition + " ORDER BY \"_seq\" DESC) = 1) s ON " + on
                + onDelete + (set.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + String.join(", ", set))
                + " WHEN NOT MATCHED AND s.\"_op\" <> 'D' THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", values) + ")";
    }

    /**
     * The MERGE's {@code SET} items for a matched upsert: every non-key column, an update that left one out
     * (unchanged TOAST) keeping the target's value of it.
     */
    List<String> matchedUpdates(TableSchema source) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            String n = source.columns().get(i).name();
            if (!source.primaryKey().contains(n)) {
                set.add("t." + dialect.quote(n) + " = " + arrivedOrKept(n, i + 1));
            }
        }
        return set;
    }

    /** Atomic: readers see the old table until the swap, then the new one. */
    public List<String> swap(TableRef staging, TableRef target) {
        return List.of("CREATE TABLE IF NOT EXISTS " + qualified(target) + " LIKE " + qualified(staging),
                "ALTER TABLE " + qualified(staging) + " SWAP WITH " + qualified(target),
                "DROP TABLE " + qualified(staging));
    }

    public String qualified(TableRef table) {
        return dialect.qualify(table.schema(), table.name());
    }

    /** The table stage: {@code %"table"} qualified with its schema. */
    private String tableStage(TableRef table) {
        return (table.schema() == null ? "" : dialect.quote(table.schema()) + ".") + "%" + dialect.quote(table.name());
    }
}
