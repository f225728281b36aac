package io.dtaas.connect.snowflake;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.postgres.PostgresTypes;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Snowflake load SQL and type mapping, checked as text: no test connects to Snowflake. */
class SnowflakeSqlTest {

    private static final TableRef TARGET = new TableRef("PUBLIC", "orders");
    private static final TableSchema SCHEMA = new TableSchema(new TableRef("public", "orders"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false),
            new Column("amount", PostgresTypes.fromPostgres("numeric(38,10)"), true),
            new Column("doc", ColumnType.of(ColumnKind.JSON), true),
            new Column("at", ColumnType.of(ColumnKind.TIMESTAMP_TZ), true)), List.of("id"));
    private static final Chunk CHUNK = new Chunk(SCHEMA.table(), 2, 4, new ChunkBounds.KeyRange("id", 1000L, 2000L));
    private final SnowflakeSql sql = new SnowflakeSql();

    @Test
    void createsTablesWithMappedTypes() {
        assertThat(sql.createTable(SCHEMA, TARGET)).isEqualTo("CREATE TABLE IF NOT EXISTS \"PUBLIC\".\"orders\" ("
                + "\"id\" BIGINT NOT NULL, \"amount\" NUMBER(38,10), \"doc\" VARIANT, \"at\" TIMESTAMP_TZ(6),"
                + " PRIMARY KEY (\"id\"))");
        assertThat(SnowflakeTypes.toSnowflake(PostgresTypes.fromPostgres("numeric"))).isEqualTo("VARCHAR");
        assertThat(SnowflakeTypes.toSnowflake(ColumnType.of(ColumnKind.TIMESTAMP))).isEqualTo("TIMESTAMP_NTZ(6)");
        assertThat(sql.addColumn(TARGET, new Column("note", ColumnType.of(ColumnKind.STRING), true)))
                .isEqualTo("ALTER TABLE \"PUBLIC\".\"orders\" ADD COLUMN \"note\" VARCHAR");
    }

    @Test
    void stagesEachChunkUnderItsOwnPathAndCopiesItIn() {
        assertThat(sql.put(Path.of("/tmp/dtaas/chunk.parquet"), TARGET, CHUNK))
                .isEqualTo("PUT 'file:///tmp/dtaas/chunk.parquet' '@\"PUBLIC\".%\"orders\"/dtaas/chunk-00002'"
                        + " AUTO_COMPRESS = FALSE OVERWRITE = TRUE");
        assertThat(sql.deleteRange(TARGET, CHUNK).sql())
                .isEqualTo("DELETE FROM \"PUBLIC\".\"orders\" WHERE \"id\" >= ? AND \"id\" < ?");
        assertThat(sql.copyInto(SCHEMA, TARGET, TARGET, CHUNK)).isEqualTo("COPY INTO \"PUBLIC\".\"orders\""
                + " (\"id\", \"amount\", \"doc\", \"at\") FROM (SELECT $1:\"id\"::BIGINT, $1:\"amount\"::NUMBER(38,10),"
                + " PARSE_JSON($1:\"doc\"::VARCHAR), $1:\"at\"::TIMESTAMP_TZ(6) FROM '@\"PUBLIC\".%\"orders\"/dtaas/chunk-00002')"
                + " FILE_FORMAT = (TYPE = PARQUET) FORCE = TRUE PURGE = TRUE");
    }

    @Test
    void mergesByPrimaryKeyAndSwapsOverwrites() {
        TableRef temp = new TableRef("PUBLIC", "orders__dtaas_merge");
        assertThat(sql.merge(SCHEMA, TARGET, temp)).isEqualTo("MERGE INTO \"PUBLIC\".\"orders\" t USING"
                + " \"PUBLIC\".\"orders__dtaas_merge\" s ON t.\"id\" = s.\"id\" WHEN MATCHED THEN UPDATE SET"
                + " t.\"amount\" = s.\"amount\", t.\"doc\" = s.\"doc\", t.\"at\" = s.\"at\" WHEN NOT MATCHED THEN INSERT"
                + " (\"id\", \"amount\", \"doc\", \"at\") VALUES (s.\"id\", s.\"amount\", s.\"doc\", s.\"at\")");
        assertThat(sql.swap(new TableRef("PUBLIC", "orders__dtaas_new"), TARGET)).containsExactly(
                "CREATE TABLE IF NOT EXISTS \"PUBLIC\".\"orders\" LIKE \"PUBLIC\".\"orders__dtaas_new\"",
                "ALTER TABLE \"PUBLIC\".\"orders__dtaas_new\" SWAP WITH \"PUBLIC\".\"orders\"",
                "DROP TABLE \"PUBLIC\".\"orders__dtaas_new\"");
    }
}
