package io.dtaas.connect.jdbc;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.catalog.ResultBudget;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.NotFoundError;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads tables over JDBC: describes them, splits them into primary-key ranges, and streams each chunk with a
 * server-side cursor. A database supplies how it describes columns and reads values.
 */
public abstract class JdbcSource implements Source {

    /** Preview rows arrive this many at a time, so that a driver holds few long rows at once. */
    private static final int HEAD_FETCH_SIZE = 50;
    private static final Set<ColumnKind> SPLITTABLE = Set.of(ColumnKind.INT16, ColumnKind.INT32, ColumnKind.INT64);

    protected final JdbcDialect dialect;
    private final Supplier<JdbcEndpoint> endpoint;
    private final JdbcCatalogBrowser catalog;
    private String defaultSchema;

    protected JdbcSource(JdbcDialect dialect, Supplier<JdbcEndpoint> endpoint, JdbcCatalogBrowser catalog) {
        this.dialect = dialect;
        this.endpoint = endpoint;
        this.catalog = catalog;
    }

    /** Columns (with logical types) and primary key of an existing table, or null when it does not exist. */
    protected abstract TableSchema describe(Connection c, TableRef table) throws SQLException;

    /**
     * Reads column {@code index} (1-based) as the Java value its kind prescribes, through the driver's
     * java.time support; databases override the kinds they store differently.
     */
    protected Object readValue(ResultSet rs, int i, Column column) throws SQLException {
        Object v = switch (column.type().kind()) {
            case BOOLEAN -> rs.getBoolean(i);
            case INT16, INT32 -> rs.getInt(i);
            case INT64 -> rs.getLong(i);
            case FLOAT32 -> rs.getFloat(i);
            case FLOAT64 -> rs.getDouble(i);
            case DECIMAL -> readDecimal(rs, i, column);
            case BINARY -> rs.getBytes(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> readTime(rs, i, column);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> readInstant(rs, i);
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    protected BigDecimal readDecimal(ResultSet rs, int i, Column column) throws SQLException {
        return rs.getBigDecimal(i);
    }

    protected LocalTime readTime(ResultSet rs, int i, Column column) throws SQLException {
        return rs.getObject(i, LocalTime.class);
    }

    protected Instant readInstant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Rows of a catalog query taking (schema, table) as its two parameters. */
    protected static <T> List<T> catalogRows(Connection c, String sql, TableRef table, RowReader<T> reader)
            throws SQLException {
        List<T> rows = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        }
        return rows;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    protected interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** An integer column that may be NULL. */
    protected static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    // full_load_then_cdc: the exported snapshot every chunk reader joins (io.dtaas.cdc.FullLoadThenCdc); null = now
    private volatile String readView;

    /**
     * Makes every later chunk read join the database snapshot {@code snapshotId} exported by a replication slot
     * (null: read the current data again). Only sources whose {@link #prepareForReading} honours it may be
     * pinned; see {@link #supportsReadView()}.
     */
    public void pinReadView(String snapshotId) {
        this.readView = snapshotId;
    }

    /** The snapshot pinned by {@link #pinReadView}, or null. */
    protected String readView() {
        return readView;
    }

    /** Whether {@link #pinReadView} is honoured (PostgreSQL: {@code SET TRANSACTION SNAPSHOT}). */
    public boolean supportsReadView() {
        return false;
    }

    /** Session set-up for reading: isolation, time zone, streaming. */
    protected void prepareForReading(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    /** Session set-up for reading one chunk; databases that read some chunks in a shared snapshot override it. */
    protected void prepareForReading(Connection c, Chunk chunk) throws SQLException {
        prepareForReading(c);
    }

    protected int fetchSize() {
        return 10_000;
    }

    protected Connection open() throws SQLException {
        return endpoint.get().open();
    }

    /** A connection that reads a chunk of {@code table} (not a custom query); a database may read those another way. */
    protected Connection openForChunks(TableSchema table) throws SQLException {
        return open();
    }

    @Override
    public synchronized String defaultSchema() {
        if (defaultSchema == null) {
            try (Connection c = open()) {
                defaultSchema = dialect.defaultSchema(c);
            } catch (SQLException e) {
                throw JdbcFailures.wrap(dialect, e, "reading the default schema");
            }
        }
        return defaultSchema;
    }

    @Override
    public List<TableRef> tables(String schema) {
        return catalog.tables(null, schema).stream()
                .filter(t -> t.kind().equals("table"))
                .map(t -> new TableRef(t.schema(), t.name()))
                .toList();
    }

    /** Counting a table with no statistics reads at most this many rows; past it the size stays unknown. */
    static final int EXACT_COUNT_LIMIT = 1_000_000;

    /**
     * The statistics' estimate (PostgreSQL {@code pg_class.reltuples}, MySQL/MariaDB
     * {@code information_schema.TABLES.TABLE_ROWS}, the catalog's row estimate); a table never analysed has none and
     * is counted exactly, reading at most {@link #EXACT_COUNT_LIMIT} rows (a table that large stays unknown).
     */
    @Override
    public java.util.OptionalLong rowEstimate(TableRef table) {
        TableRef qualified = table.withSchema(defaultSchema());
        try (Connection c = open()) {
            Long estimate = catalog.rowEstimate(c, qualified);
            if (estimate != null && estimate > 0) {
                return java.util.OptionalLong.of(estimate);
            }
            // no statistics (or "empty" from statistics taken before the rows came): count, boundedly
            String limited = dialect.previewSql(dialect.qualify(qualified.schema(), qualified.name()), EXACT_COUNT_LIMIT + 1);
            try (java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + limited + ") counted")) {
                long n = rs.next() ? rs.getLong(1) : 0;
                return n > EXACT_COUNT_LIMIT ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(n);
            }
        } catch (SQLException e) {
            return java.util.OptionalLong.empty(); // a figure for the dashboard: the copy goes on without it
        }
    }

    @Override
    public TableSchema describe(TableRef table) {
        TableRef qualified = table.withSchema(defaultSchema());
        try (Connection c = open()) {
            TableSchema schema = describe(c, qualified);
            if (schema == null || schema.columns().isEmpty()) {
                throw new NotFoundError("table '" + qualified + "' not found in the source");
            }
            return schema;
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "describing " + qualified);
        }
    }

    /**
     * Columns of a custom query: admitted by the dialect's {@link ReadGuard} on the connection that describes it,
     * then described inside a read-only transaction that is rolled back.
     */
    @Override
    public TableSchema describeQuery(TableRef name, String sql) {
        try (Connection c = open()) {
            String statement = admit(c, sql);
            c.setAutoCommit(false);
            try (java.sql.Statement setup = c.createStatement()) {
                for (String s : dialect.readOnlyStatements(QueryLimits.DEFAULT.timeoutSeconds())) {
                    setup.execute(s);
                }
            }
            // the newline ends a trailing -- comment of the user's query before our closing parenthesis
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (" + statement + "\n) dtaas_query WHERE 1 = 0")) {
                java.sql.ResultSetMetaData meta = ps.executeQuery().getMetaData();
                List<Column> columns = new java.util.ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new Column(meta.getColumnLabel(i), JdbcTypes.fromJdbc(meta.getColumnType(i),
                            meta.getColumnTypeName(i), meta.getPrecision(i), meta.getScale(i)),
                            meta.isNullable(i) != java.sql.ResultSetMetaData.columnNoNulls));
                }
                return new TableSchema(name.withSchema(defaultSchema()), columns, List.of());
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new ConfigError("config.queries." + name, JdbcErrors.describe(e));
        }
    }

    /** The one statement of a custom query that may run, judged on {@code c}'s session. */
    private String admit(Connection c, String sql) throws SQLException {
        try {
            return dialect.readGuard().admit(c, sql).text();
        } catch (ConfigError e) {
            throw new ConfigError("config.queries", e.problems().get(0).message());
        }
    }

    /**
     * Splits on the leading primary-key column when it is an integer, else on a NOT NULL integer column with a
     * unique index of its own ({@link #uniqueIntegerColumn}): the key space between min and max is cut into as
     * many equal ranges as the row estimate needs; the outer ranges are open so rows added meanwhile beyond them
     * are still read. A table with neither is planned by {@link #planUnkeyed} (one chunk unless the database
     * knows better).
     */
    @Override
    public List<Chunk> plan(TableSchema table, long rowsPerChunk) {
        try (Connection c = open()) {
            String key = table.hasPrimaryKey() && splittable(table, table.primaryKey().get(0))
                    ? table.primaryKey().get(0) : uniqueIntegerColumn(c, table);
            if (key == null || !splittable(table, key)) {
                return planUnkeyed(c, table, rowsPerChunk);
            }
            KeySpan span = keySpan(c, table, key);
            long chunks = span == null ? 1 : Math.max(1, Math.min(10_000, (span.rows + rowsPerChunk - 1) / rowsPerChunk));
            if (chunks == 1) {
                return List.of(new Chunk(table.table(), 0, 1, new ChunkBounds.KeyRange(key, null, null)));
            }
            return KeyRanges.split(table.table(), key, span.min, span.max, (int) chunks);
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "planning " + table.table());
        }
    }

    private static boolean splittable(TableSchema table, String column) {
        int i = table.indexOf(column);
        return i >= 0 && SPLITTABLE.contains(table.columns().get(i).type().kind());
    }

    /**
     * A NOT NULL integer column of {@code table} that has a single-column unique index, to split a table whose
     * primary key is missing or not an integer; null when there is none (the default).
     */
    protected String uniqueIntegerColumn(Connection c, TableSchema table) throws SQLException {
        return null;
    }

    /** The plan of a table without a key to split on: one whole-table chunk unless a database can do better. */
    protected List<Chunk> planUnkeyed(Connection c, TableSchema table, long rowsPerChunk) throws SQLException {
        return List.of(new Chunk(table.table(), 0, 1, new ChunkBounds.WholeTable()));
    }

    private record KeySpan(long min, long max, long rows) {
    }

    private KeySpan keySpan(Connection c, TableSchema table, String key) throws SQLException {
        String sql = "SELECT MIN(" + dialect.quote(key) + "), MAX(" + dialect.quote(key) + "), COUNT(*) FROM "
                + dialect.qualify(table.table().schema(), table.table().name());
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long min = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            return new KeySpan(min, rs.getLong(2), rs.getLong(3));
        }
    }

    @Override
    public RowStream read(TableSchema table, Chunk chunk) {
        ChunkQuery query = ChunkQuery.of(dialect, table, chunk);
        String context = "reading " + table.table() + " chunk " + (chunk.index() + 1) + "/" + chunk.count();
        if (chunk.bounds() instanceof ChunkBounds.Query) {
            // a custom query is judged again on the connection that runs it, then runs in a read-only transaction
            return JdbcRowStream.open(dialect, this::open, c -> admit(c, query.sql()), this::prepareForReading,
                    query.params(), fetchSize(), 0, table, this::readValue, context);
        }
        return JdbcRowStream.open(dialect, () -> openForChunks(table), c -> prepareForReading(c, chunk), query.sql(),
                query.params(), fetchSize(), table, this::readValue, context);
    }

    /**
     * The table's columns, cut to {@code limit} rows by the dialect's own paging (never a drained cursor), under
     * the browser's statement timeout ({@link QueryLimits#DEFAULT}). Long values stop one character (byte) past
     * {@link ResultBudget}'s value cap, cut by the server where the dialect can and else while read, so a caller
     * can tell them cut and a huge value is never held whole.
     */
    @Override
    public RowStream head(TableSchema table, int limit) {
        StringBuilder columns = new StringBuilder();
        for (Column column : table.columns()) {
            String quoted = dialect.quote(column.name());
            columns.append(columns.isEmpty() ? "" : ", ").append(dialect.boundedValue(quoted, column.type(),
                    ResultBudget.MAX_VALUE_CHARS, ResultBudget.MAX_VALUE_BYTES)).append(" AS ").append(quoted);
        }
        String select = "SELECT " + columns + " FROM " + dialect.qualify(table.table().schema(), table.table().name());
        String sql = dialect.previewSql("(" + select + ") dtaas_head", limit);
        int timeout = QueryLimits.DEFAULT.timeoutSeconds();
        String context = "previewing " + table.table() + " (the database gives up after " + timeout + " s)";
        return JdbcRowStream.open(dialect, this::open, this::prepareForReading, sql, List.of(), Math.min(limit, HEAD_FETCH_SIZE),
                timeout, table, this::readCapped, context);
    }

    /** Text and binary values read through capped streams; everything else as a full load reads it. */
    private Object readCapped(ResultSet rs, int i, Column column) throws SQLException {
        return switch (column.type().kind()) {
            case STRING, JSON -> CappedValues.text(rs, i, ResultBudget.MAX_VALUE_CHARS);
            case BINARY -> CappedValues.bytes(rs, i, ResultBudget.MAX_VALUE_BYTES);
            // drivers stream these rarely: read as a full load does (PostgreSQL cut them already), then cut
            case ARRAY, OTHER -> readValue(rs, i, column) instanceof String s
                    ? ResultBudget.cut(s, ResultBudget.MAX_VALUE_CHARS + 1) : null;
            case BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, INTERVAL,
                 UUID -> readValue(rs, i, column);
        };
    }

    /** The database's SQL for validation checksums, or null when it has none. */
    protected RowHashSql rowHashSql() {
        return null;
    }

    @Override
    public java.util.Optional<io.dtaas.connect.TableDigests> digests() {
        RowHashSql hashes = rowHashSql();
        return hashes == null ? java.util.Optional.empty() : java.util.Optional.of(new JdbcTableDigests(dialect, hashes, () -> {
            Connection c = open();
            try {
                prepareForReading(c);
                return c;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }));
    }

    @Override
    public void close() {
        // connections are opened per call and closed with it
    }
}
