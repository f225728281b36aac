package io.dtaas.connect.jdbc;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.data.TableSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT that reads one chunk: every column, quoted by the dialect, and the key range as bind parameters.
 *
 * @param params values for the statement's {@code ?} markers, in order
 */
public record ChunkQuery(String sql, List<Long> params) {

    public static ChunkQuery of(JdbcDialect dialect, TableSchema table, Chunk chunk) {
        return of(dialect, table, chunk, c -> dialect.quote(c.name()));
    }

    /** @param expression what the SELECT list reads for each column (e.g. the column cast to text) */
    public static ChunkQuery of(JdbcDialect dialect, TableSchema table, Chunk chunk,
                                java.util.function.Function<io.dtaas.data.Column, String> expression) {
        if (chunk.bounds() instanceof ChunkBounds.Query query) {
            return new ChunkQuery(query.sql(), List.of());
        }
        List<String> conditions = new ArrayList<>();
        List<Long> params = new ArrayList<>();
        if (chunk.bounds() instanceof ChunkBounds.PageRange pages) {
            conditions.add(dialect.pageRangeCondition(true));
            params.add(pages.fromPage());
            if (pages.toPage() != null) {
                conditions.add(dialect.pageRangeCondition(false));
                params.add(pages.toPage());
            }
        }
        if (chunk.bounds() instanceof ChunkBounds.KeyRange range) {
            if (range.lower() != null) {
                conditions.add(dialect.quote(range.column()) + " >= ?");
                params.add(range.lower());
            }
            if (range.upper() != null) {
                conditions.add(dialect.quote(range.column()) + " < ?");
                params.add(range.upper());
            }
        }
        String columns = String.join(", ", table.columns().stream().map(expression).toList());
        String sql = "SELECT " + columns + " FROM " + dialect.qualify(table.table().schema(), table.table().name())
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        return new ChunkQuery(sql, List.copyOf(params));
    }

    /** The statement with its integer parameters written in as literals, for protocols without binds (COPY). */
    public String inlined() {
        String text = sql;
        for (Long param : params) {
            text = text.replaceFirst("\\?", Long.toString(param)); // integers only: safe as literals
        }
        return text;
    }

    /** The same range as a DELETE, for destinations replacing what an earlier attempt of the chunk wrote. */
    public static ChunkQuery delete(JdbcDialect dialect, String qualifiedTable, Chunk chunk) {
        if (chunk.bounds() instanceof ChunkBounds.Query) {
            return new ChunkQuery("DELETE FROM " + qualifiedTable, List.of());
        }
        if (chunk.bounds() instanceof ChunkBounds.PageRange) {
            // the engine never sends page ranges to destinations that delete ranges (Destination#replacesChunksByIdentity)
            throw new IllegalStateException("a page-range chunk has no rows to delete by range in " + qualifiedTable);
        }
        ChunkQuery select = of(dialect, new TableSchema(chunk.table(), List.of(), List.of()), chunk);
        int where = select.sql.indexOf(" WHERE ");
        return new ChunkQuery("DELETE FROM " + qualifiedTable + (where < 0 ? "" : select.sql.substring(where)), select.params);
    }
}
