package io.dtaas.connect.postgres;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.RawChunkReader;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.jdbc.ChunkQuery;
import io.dtaas.connect.jdbc.JdbcCatalogBrowser;
import io.dtaas.connect.jdbc.JdbcFailures;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcSource;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads PostgreSQL tables: exact types from the catalog, values through pgjdbc's java.time support. */
final class PostgresSource extends JdbcSource {

    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a
            WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND a.attnum > 0
              AND NOT a.attisdropped
            ORDER BY a.attnum""";
    private static final String PRIMARY_KEY = """
            SELECT a.attname
            FROM pg_index i
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND i.indisprimary
            ORDER BY k.ord""";

    private final PostgresPageChunks pages;

    PostgresSource(PostgresDialect dialect, Supplier<JdbcEndpoint> endpoint, JdbcCatalogBrowser catalog) {
        super(dialect, endpoint, catalog);
        this.pages = new PostgresPageChunks(dialect);
    }

    @Override
    protected String uniqueIntegerColumn(Connection c, TableSchema table) throws SQLException {
        List<String> column = catalogRows(c, PostgresPageChunks.UNIQUE_INTEGER_COLUMN, table.table(), rs -> rs.getString(1));
        return column.isEmpty() ? null : column.get(0);
    }

    /** Heap page ranges read in one exported snapshot ({@link PostgresPageChunks}). */
    @Override
    protected List<Chunk> planUnkeyed(Connection c, TableSchema table, long rowsPerChunk) throws SQLException {
        return pages.plan(c, table, rowsPerChunk, readView() != null ? null : () -> {
            try {
                return open();
            } catch (SQLException e) {
                throw JdbcFailures.wrap(dialect, e, "exporting a snapshot of " + table.table());
            }
        });
    }

    /**
     * For files, keyed tables split by heap pages too: a chunk's TID range scan costs PostgreSQL about what a plain
     * sequential COPY does (0.8 CPU s per 1M rows against 1.8 for index range scans of key ranges, and no
     * {@code min/max/count(*)} to plan), and files replace a chunk by its index, not its key range. Not while the
     * load reads a pinned snapshot (full_load_then_cdc): that handoff keeps the key ranges it was built on. A table
     * too small for more than one page chunk, partitioned or on a server before 14 gets the key-range plan.
     */
    @Override
    public List<Chunk> planForIdentityReplacement(TableSchema table, long rowsPerChunk) {
        if (readView() != null) {
            return plan(table, rowsPerChunk);
        }
        List<Chunk> byPages;
        try (Connection c = open()) {
            byPages = planUnkeyed(c, table, rowsPerChunk);
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "planning " + table.table());
        }
        return byPages.size() > 1 ? byPages : plan(table, rowsPerChunk);
    }

    /** Ends the transaction holding the table's exported snapshot: one connection per page-split table, not per run. */
    @Override
    public void release(TableRef table) {
        pages.release(table);
    }

    @Override
    public void close() {
        pages.close();
        super.close();
    }

    @Override
    protected TableSchema describe(Connection c, TableRef table) throws SQLException {
        List<Column> columns = catalogRows(c, COLUMNS, table, rs -> new Column(rs.getString(1), PostgresTypes.fromPostgres(rs.getString(2)),
                rs.getBoolean(3)));
        List<String> pk = catalogRows(c, PRIMARY_KEY, table, rs -> rs.getString(1));
        return new TableSchema(table, columns, pk);
    }

    /** PostgreSQL binary COPY of the chunk, for PostgreSQL targets with the same column types. */
    @Override
    public Optional<RawChunkReader> readRaw(TableSchema table, Chunk chunk, String format) {
        if (!RawChunkReader.POSTGRES_BINARY.equals(format) || chunk.bounds() instanceof ChunkBounds.Query) {
            return Optional.empty();
        }
        String select = ChunkQuery.of(dialect, table, chunk).inlined();
        return Optional.of(onReadingConnection(chunk, (c, context) -> new PostgresRawReader(dialect, c, select, context)));
    }

    /** What a chunk read builds on its own connection, which it then owns. */
    @FunctionalInterface
    private interface ChunkReader<T> {
        T open(Connection c, String context) throws SQLException;
    }

    /** Opens a connection set up for reading {@code chunk} and hands it over; closes it if that fails. */
    private <T> T onReadingConnection(Chunk chunk, ChunkReader<T> reader) {
        String context = "reading " + chunk.table() + " chunk " + (chunk.index() + 1) + "/" + chunk.count();
        Connection c = null;
        try {
            c = open();
            prepareForReading(c, chunk);
            return reader.open(c, context);
        } catch (SQLException e) {
            closeQuietly(c);
            throw JdbcFailures.wrap(dialect, e, context);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Table chunks stream as binary COPY decoded straight into values ({@link PostgresCopyRowStream}) when every
     * column has a {@link BinaryDecoders} decoder; custom queries and tables with other types go through JDBC.
     */
    @Override
    public RowStream read(TableSchema table, Chunk chunk) {
        if (chunk.bounds() instanceof ChunkBounds.Query) {
            return super.read(table, chunk);
        }
        BinaryDecoders.Decoder[] decoders = new BinaryDecoders.Decoder[table.columns().size()];
        java.util.Set<String> casts = new java.util.HashSet<>();
        for (int i = 0; i < decoders.length; i++) {
            Column column = table.columns().get(i);
            BinaryDecoders.ColumnDecoder decoder = BinaryDecoders.of(column);
            if (decoder == null) {
                return super.read(table, chunk);
            }
            decoders[i] = decoder.decoder();
            if (decoder.castToText()) {
                casts.add(column.name());
            }
        }
        String select = ChunkQuery.of(dialect, table, chunk,
                c -> dialect.quote(c.name()) + (casts.contains(c.name()) ? "::text" : "")).inlined();
        return onReadingConnection(chunk, (c, context) -> new PostgresCopyRowStream(dialect, c, select, table, decoders, context));
    }

    /** The JDBC result-set path, which {@link #read} falls back to; the reference the binary decoders are held to. */
    RowStream readThroughJdbc(TableSchema table, Chunk chunk) {
        return super.read(table, chunk);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    protected void prepareForReading(Connection c) throws SQLException {
        prepareForReading(c, readView());
    }

    /** A page-range chunk reads its plan's exported snapshot unless the whole load reads a pinned one. */
    @Override
    protected void prepareForReading(Connection c, Chunk chunk) throws SQLException {
        String view = readView();
        prepareForReading(c, view != null ? view : pages.snapshotFor(chunk));
    }

    private void prepareForReading(Connection c, String view) throws SQLException {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        if (view != null) {
            // must be the transaction's first statement; the id comes from CREATE_REPLICATION_SLOT, never a user
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION SNAPSHOT '" + view.replace("'", "''") + "'");
            }
        }
    }

    @Override
    public boolean supportsReadView() {
        return true;
    }

    /** Through text so that numeric NaN/Infinity fail with a clear message instead of a driver error. */
    @Override
    protected BigDecimal readDecimal(ResultSet rs, int i, Column column) throws SQLException {
        String text = rs.getString(i);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new io.dtaas.error.DataError("column " + column.name() + " holds numeric '" + text
                    + "', which has no exact decimal form; cast it to double precision or text in a custom query", null);
        }
    }

    @Override
    protected io.dtaas.connect.jdbc.RowHashSql rowHashSql() {
        return new PostgresRowHash();
    }
}
