package io.dtaas.connect.postgres;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Plans of PostgreSQL tables without a key to split on, and of keyed tables going to files
 * ({@link PostgresSource#planForIdentityReplacement}): ranges of heap pages read by TID range scans (PostgreSQL
 * 14+), as many as the row estimate needs. A row's page changes when it is updated, so chunks read at different
 * times could see an updated row twice or not at all: every chunk of such a plan reads one snapshot, exported when
 * the plan is made by a transaction held open until the engine is done with the table ({@link #release}) or the
 * source closes (unless the load already reads a pinned snapshot). A chunk retried after that connection was lost fails instead of reading another snapshot, and a
 * resumed load reads every chunk again ({@code io.dtaas.engine.OneSnapshotResume}).
 */
final class PostgresPageChunks implements AutoCloseable {

    /** TID range scans (a chunk reads only its pages) arrived in PostgreSQL 14. */
    private static final int MIN_SERVER_VERSION = 140_000;
    private static final String SIZE = """
            SELECT pg_relation_size(c.oid) / current_setting('block_size')::bigint, c.reltuples::bigint,
                   current_setting('server_version_num')::int, c.relkind::text
            FROM pg_class c
            WHERE c.oid = to_regclass(quote_ident(?) || '.' || quote_ident(?))""";
    /** A NOT NULL smallint/integer/bigint column with a valid single-column unique index of its own (no predicate). */
    static final String UNIQUE_INTEGER_COLUMN = """
            SELECT a.attname
            FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE i.indrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND i.indisunique AND i.indisvalid
              AND i.indnkeyatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attnotnull
              AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
            ORDER BY a.attnum
            LIMIT 1""";

    /** The transaction that exported a table's snapshot, kept open while its chunks may still be read. */
    private record Snapshot(Connection holder, String id) {
    }

    private final Map<TableRef, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final JdbcDialect dialect;

    PostgresPageChunks(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Page-range chunks of roughly {@code rowsPerChunk} rows, or one whole-table chunk when the table is small, not a
     * plain table (partitioned, foreign) or the server predates TID range scans.
     *
     * @param opener a new connection for the exported snapshot; null when the load reads a pinned snapshot anyway
     */
    List<Chunk> plan(Connection c, TableSchema table, long rowsPerChunk, Supplier<Connection> opener) throws SQLException {
        TableRef ref = table.table();
        long pages;
        long rows;
        try (PreparedStatement ps = c.prepareStatement(SIZE)) {
            ps.setString(1, ref.schema());
            ps.setString(2, ref.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(3) < MIN_SERVER_VERSION || !"r".equals(rs.getString(4))) {
                    return whole(ref);
                }
                pages = rs.getLong(1);
                rows = rs.getLong(2);
            }
        }
        if (rows < 0) { // never analysed: count them
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + dialect.qualify(ref.schema(), ref.name()))) {
                rs.next();
                rows = rs.getLong(1);
            }
        }
        long wanted = Math.min(Math.min(10_000, pages), (rows + rowsPerChunk - 1) / Math.max(1, rowsPerChunk));
        if (wanted <= 1) {
            return whole(ref);
        }
        long perChunk = (pages + wanted - 1) / wanted;
        int count = (int) ((pages + perChunk - 1) / perChunk);
        List<Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Long to = i == count - 1 ? null : (i + 1) * perChunk; // open: pages the table grows by are read too
            chunks.add(new Chunk(ref, i, count, new ChunkBounds.PageRange(i * perChunk, to)));
        }
        if (opener != null) {
            export(ref, opener.get());
        }
        return chunks;
    }

    /** The snapshot a page-range chunk of {@code table} must read, or null when none was exported. */
    String snapshotFor(Chunk chunk) {
        if (!(chunk.bounds() instanceof ChunkBounds.PageRange)) {
            return null;
        }
        Snapshot s = snapshots.get(chunk.table());
        return s == null ? null : s.id();
    }

    private void export(TableRef table, Connection holder) throws SQLException {
        try {
            holder.setAutoCommit(false);
            holder.setReadOnly(true);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                Snapshot previous = snapshots.put(table, new Snapshot(holder, rs.getString(1)));
                if (previous != null) {
                    closeQuietly(previous.holder()); // planned again (a retry): its chunks read the new snapshot
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(holder);
            throw e;
        }
    }

    /** Closes the transaction holding {@code table}'s snapshot, if one was exported. */
    void release(TableRef table) {
        Snapshot s = snapshots.remove(table);
        if (s != null) {
            closeQuietly(s.holder());
        }
    }

    private static List<Chunk> whole(TableRef table) {
        return List.of(new Chunk(table, 0, 1, new ChunkBounds.WholeTable()));
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the snapshot goes with the connection
        }
    }

    @Override
    public void close() {
        snapshots.values().forEach(s -> closeQuietly(s.holder()));
        snapshots.clear();
    }
}
