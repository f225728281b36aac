package io.dtaas.connect.jdbc;

import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.TableDigests;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TableDigests} in SQL: {@code SELECT COUNT(*), SUM(hash) ... WHERE key >= ? AND key < ?} on a connection
 * prepared as for reading a chunk (the same session settings, so time zones agree with what a load reads).
 */
final class JdbcTableDigests implements TableDigests {

    /** Opens a connection prepared for reading. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final JdbcDialect dialect;
    private final RowHashSql hashes;
    private final Opener opener;

    JdbcTableDigests(JdbcDialect dialect, RowHashSql hashes, Opener opener) {
        this.dialect = dialect;
        this.hashes = hashes;
        this.opener = opener;
    }

    /** The digest SELECT, for tests of the generated SQL. */
    static ChunkQuery digestQuery(JdbcDialect dialect, RowHashSql hashes, TableSchema table, List<String> columns,
                                  ChunkBounds.KeyRange range) {
        List<String> quoted = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (String name : columns) {
            int i = table.indexOf(name);
            if (i < 0) {
                throw new ConfigError("tables", "column " + name + " of " + table.table() + " is missing in the target");
            }
            Column column = table.columns().get(i);
            quoted.add(dialect.quote(column.name()));
            types.add(column.type());
        }
        String hash = quoted.isEmpty() ? "'" + "0".repeat(32) + "'" : hashes.rowHash(quoted, types);
        return ranged(dialect, table, "COUNT(*), " + hashes.sumOfHashes(hash), range);
    }

    private static ChunkQuery ranged(JdbcDialect dialect, TableSchema table, String selectList, ChunkBounds.KeyRange range) {
        ChunkQuery where = ChunkQuery.of(dialect, new TableSchema(table.table(), List.of(), List.of()),
                new io.dtaas.connect.Chunk(table.table(), 0, 1, range == null ? new ChunkBounds.WholeTable() : range));
        int at = where.sql().indexOf(" FROM ");
        return new ChunkQuery("SELECT " + selectList + where.sql().substring(at), where.params());
    }

    @Override
    public RangeDigest digest(TableSchema table, List<String> columns, ChunkBounds.KeyRange range) {
        ChunkQuery q = digestQuery(dialect, hashes, table, columns, range);
        return run(q, "checksumming " + table.table(), rs -> {
            BigDecimal sum = rs.getBigDecimal(2);
            return new RangeDigest(rs.getLong(1), sum == null ? BigInteger.ZERO : sum.toBigIntegerExact());
        });
    }

    @Override
    public KeySpan span(TableSchema table, ChunkBounds.KeyRange range) {
        String key = dialect.quote(range.column());
        ChunkQuery q = ranged(dialect, table, "MIN(" + key + "), MAX(" + key + ")", range);
        return run(q, "reading the key span of " + table.table(), rs -> {
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new KeySpan(min, rs.getLong(2));
        });
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> T run(ChunkQuery q, String context, RowMapper<T> mapper) {
        try (Connection c = opener.open()) {
            try (PreparedStatement ps = c.prepareStatement(q.sql())) {
                for (int i = 0; i < q.params().size(); i++) {
                    ps.setLong(i + 1, q.params().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return mapper.map(rs);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, context);
        }
    }
}
