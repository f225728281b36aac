package io.dtaas.connect.snowflake;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.jdbc.ChunkQuery;
import io.dtaas.data.Column;
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
        String columns = source.columns().stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
        String select = source.columns().stream().map(c -> SnowflakeTypes.fromParquet(c.name(), c.type(), dialect))
                .collect(Collectors.joining(", "));
        return "COPY INTO " + qualified(into) + " (" + columns + ") FROM (SELECT " + select + " FROM '"
                + stagePath(stageOf, chunk) + "') FILE_FORMAT = (TYPE = PARQUET) FORCE = TRUE PURGE = TRUE";
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
