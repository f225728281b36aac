package io.dtaas.connect.jdbc;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.mysql.MysqlDialect;
import io.dtaas.connect.oracle.OracleDialect;
import io.dtaas.connect.postgres.PostgresDialect;
import io.dtaas.connect.sqlserver.SqlServerDialect;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SELECTs and DELETEs chunks run, per dialect (SQL Server and Oracle are verified at this level only). */
class ChunkQueryTest {

    private static final TableRef TABLE = new TableRef("Sales", "Order Lines");
    private static final TableSchema SCHEMA = new TableSchema(TABLE, List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false),
            new Column("select", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));
    private static final Chunk MIDDLE = new Chunk(TABLE, 1, 3, new ChunkBounds.KeyRange("id", 100L, 200L));
    private static final Chunk LAST = new Chunk(TABLE, 2, 3, new ChunkBounds.KeyRange("id", 200L, null));
    private static final Chunk WHOLE = new Chunk(TABLE, 0, 1, new ChunkBounds.WholeTable());

    @Test
    void sqlServerChunksUseBracketsAndBindParameters() {
        ChunkQuery q = ChunkQuery.of(new SqlServerDialect(), SCHEMA, MIDDLE);
        assertThat(q.sql()).isEqualTo("SELECT [id], [select] FROM [Sales].[Order Lines] WHERE [id] >= ? AND [id] < ?");
        assertThat(q.params()).containsExactly(100L, 200L);
        assertThat(ChunkQuery.delete(new SqlServerDialect(), "[Sales].[Order Lines]", LAST).sql())
                .isEqualTo("DELETE FROM [Sales].[Order Lines] WHERE [id] >= ?");
    }

    @Test
    void oracleAndPostgresQuoteWithDoubleQuotes() {
        assertThat(ChunkQuery.of(new OracleDialect(), SCHEMA, LAST).sql())
                .isEqualTo("SELECT \"id\", \"select\" FROM \"Sales\".\"Order Lines\" WHERE \"id\" >= ?");
        assertThat(ChunkQuery.of(new PostgresDialect(), SCHEMA, WHOLE).sql())
                .isEqualTo("SELECT \"id\", \"select\" FROM \"Sales\".\"Order Lines\"");
        assertThat(ChunkQuery.delete(new PostgresDialect(), "t", WHOLE).sql()).isEqualTo("DELETE FROM t");
    }

    @Test
    void mysqlUsesBackticks() {
        assertThat(ChunkQuery.of(new MysqlDialect(), SCHEMA, MIDDLE).sql())
                .isEqualTo("SELECT `id`, `select` FROM `Sales`.`Order Lines` WHERE `id` >= ? AND `id` < ?");
    }

    @Test
    void keyRangesAreContiguousAndOpenAtBothEnds() {
        List<Chunk> chunks = KeyRanges.split(TABLE, "id", -5, 1_000_000, 7);
        assertThat(chunks).hasSize(7);
        assertThat(((ChunkBounds.KeyRange) chunks.get(0).bounds()).lower()).isNull();
        assertThat(((ChunkBounds.KeyRange) chunks.get(6).bounds()).upper()).isNull();
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(((ChunkBounds.KeyRange) chunks.get(i).bounds()).lower())
                    .isEqualTo(((ChunkBounds.KeyRange) chunks.get(i - 1).bounds()).upper());
        }
        assertThat(KeyRanges.split(TABLE, "id", Long.MIN_VALUE, Long.MAX_VALUE, 4)).hasSize(4);
        assertThat(KeyRanges.split(TABLE, "id", 1, 2, 10)).hasSize(2);
    }
}
