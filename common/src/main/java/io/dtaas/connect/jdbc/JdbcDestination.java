package io.dtaas.connect.jdbc;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes tables into a SQL database: creates them from the source schema (adding columns the source gained),
 * writes each chunk in one transaction that first deletes the chunk's key range (so a retried or repeated
 * chunk replaces its rows), and for {@link WriteMode#OVERWRITE} loads a staging table swapped in at the end.
 */
public abstract class JdbcDestination implements Destination {

    @Override
    public java.util.Optional<io.dtaas.connect.ChangeApplication> changeApplication() {
        return java.util.Optional.of(io.dtaas.connect.ChangeApplication.BY_KEY);
    }

    @Override
    public java.util.Optional<io.dtaas.connect.change.ChangeSink> changeSink(io.dtaas.connect.change.ChangeSinkSpec spec) {
        return java.util.Optional.of(new ChangeApplier(this, spec.schemas(), spec.pipelines(), spec.rebinder(),
                spec.targetOf(), spec.trackDeletes()));
    }

    /** Suffix of the staging table an overwrite loads before swapping it in. */
    public static final String STAGING_SUFFIX = "__dtaas_new";

    protected final JdbcDialect dialect;
    private final Supplier<JdbcEndpoint> endpoint;
    private final Set<String> readySchemas = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The connection change application keeps between batches (closed with the destination). */
    private final ChangeSession.Pool changeSessions = new ChangeSession.Pool();

    protected JdbcDestination(JdbcDialect dialect, Supplier<JdbcEndpoint> endpoint) {
        this.dialect = dialect;
        this.endpoint = endpoint;
    }

    /** Called once the target table is ready, e.g. to compare its column types with the source's. */
    protected void prepared(Connection c, TableSchema source, TableRef table) throws SQLException {
    }

    /** The column type to create for a logical type. */
    protected abstract String columnType(ColumnType type, boolean inPrimaryKey);

    protected abstract String createSchemaSql(String schema);

    /** Statements that replace {@code target} with {@code staging}, as atomically as the database allows. */
    protected abstract List<String> swapSql(TableRef staging, TableRef target);

    /**
     * After the swap, in its transaction: gives indexes (and the constraints they back) that carry the staging
     * table's name the target's, where index names are per schema (PostgreSQL: {@code t__dtaas_new_pkey} becomes
     * {@code t_pkey}). Nothing to do where they are per table (MySQL/MariaDB: the key is always {@code PRIMARY}).
     */
    protected void renameStagingIndexes(Connection c, TableRef target) throws SQLException {
    }

    /** A writer for one chunk on a connection whose transaction it owns. */
    protected abstract ChunkWriter newWriter(Connection c, TableSchema source, TableRef table, Chunk chunk,
                                             WriteMode mode) throws SQLException;

    /** A connection with the session settings writing needs (time zone, strictness). */
    /** The connection's own default: PostgreSQL's current schema, MySQL/MariaDB's configured database. */
    @Override
    public java.util.Optional<String> defaultSchema() {
        try (Connection c = open()) {
            return java.util.Optional.ofNullable(dialect.defaultSchema(c));
        } catch (SQLException e) {
            throw new io.dtaas.error.TransientError("cannot reach the destination to find its default schema: "
                    + JdbcErrors.describe(e), null);
        }
    }

    public Connection open() throws SQLException {
        Connection c = endpoint.get().open();
        try {
            prepareSession(c);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    protected void prepareSession(Connection c) throws SQLException {
    }

    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode) {
        prepare(source, target, mode, false);
    }

    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode, boolean resuming) {
        if (mode == WriteMode.MERGE && !source.hasPrimaryKey()) {
            throw new ConfigError("config.write_mode", "merge upserts by primary key, and table " + source.table()
                    + " has none; use append or overwrite");
        }
        try (Connection c = open(); Statement st = c.createStatement()) {
            if (target.schema() != null) {
                ensureSchema(st, target.schema());
            }
            TableRef table = mode == WriteMode.OVERWRITE ? staging(target) : target;
            if (mode == WriteMode.OVERWRITE && !resuming) {
                st.execute("DROP TABLE IF EXISTS " + qualified(table));
            }
            Set<String> existing = existingColumns(c, table);
            if (existing.isEmpty()) {
                st.execute(createTableSql(source, table));
            } else {
                for (Column column : source.columns()) {
                    if (!existing.contains(column.name())) {
                        st.execute("ALTER TABLE " + qualified(table) + " ADD COLUMN " + dialect.quote(column.name())
                                + " " + columnType(column.type(), false));
                    }
                }
            }
            prepared(c, source, table);
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "preparing " + target);
        }
    }

    /**
     * Creates the schema once per destination. Tables of one job are prepared in parallel, and PostgreSQL's
     * CREATE SCHEMA IF NOT EXISTS is not safe against itself: a concurrent twin fails with a unique
     * violation (23505) or duplicate schema (42P06), which means the schema exists, as wanted.
     */
    private void ensureSchema(Statement st, String schema) throws SQLException {
        if (readySchemas.contains(schema)) {
            return;
        }
        synchronized (readySchemas) {
            try {
                st.execute(createSchemaSql(schema));
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState()) && !"42P06".equals(e.getSQLState())) {
                    throw e;
                }
            }
            readySchemas.add(schema);
        }
    }

    @Override
    public ChunkWriter open(TableSchema source, TableRef target, Chunk chunk, WriteMode mode) {
        TableRef table = mode == WriteMode.OVERWRITE ? staging(target) : target;
        Connection c = null;
        try {
            c = open();
            c.setAutoCommit(false);
            if (mode != WriteMode.MERGE) {
                deleteChunkRange(c, table, chunk);
            }
            return newWriter(c, source, table, chunk, mode);
        } catch (SQLException e) {
            closeQuietly(c);
            throw JdbcFailures.wrap(dialect, e, "opening " + target + " chunk " + (chunk.index() + 1) + "/" + chunk.count());
        }
    }

    /** Drops an overwrite's staging table; the target keeps its old rows. */
    @Override
    public void abandon(TableRef target, WriteMode mode) {
        if (mode != WriteMode.OVERWRITE) {
            return;
        }
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + qualified(staging(target)));
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "dropping the staging table of " + target);
        }
    }

    @Override
    public void complete(TableSchema source, TableRef target, WriteMode mode) {
        if (mode != WriteMode.OVERWRITE) {
            return;
        }
        try (Connection c = open(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : swapSql(staging(target), target)) {
                st.execute(sql);
            }
            renameStagingIndexes(c, target);
            c.commit();
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "swapping in the new " + target);
        }
    }

    @Override
    public void close() {
        // load connections are opened per chunk and closed by its writer; change application keeps one
        changeSessions.close();
    }

    /**
     * A merge of one batch of changed rows (change data capture) in one transaction, on the connection kept between
     * batches ({@link ChangeSession}).
     */
    public ChunkWriter openChanges(TableSchema source, TableRef target) {
        ChangeSession s = null;
        try {
            s = changeSessions.take(this);
            return new ChangeSession.Writer(newChangeWriter(s, source, target), s, changeSessions);
        } catch (SQLException | RuntimeException e) {
            if (s != null) {
                s.close();
            }
            if (e instanceof SQLException sql) {
                throw JdbcFailures.wrap(dialect, sql, "opening a merge of changes into " + target);
            }
            throw (RuntimeException) e;
        }
    }

    /** The merge writer of {@link #openChanges}; PostgreSQL keeps a staging table per target in the session. */
    protected ChunkWriter newChangeWriter(ChangeSession session, TableSchema source, TableRef target) throws SQLException {
        return newWriter(session.connection(), source, target,
                new Chunk(source.table(), 0, 1, new io.dtaas.connect.ChunkBounds.WholeTable()),
                WriteMode.MERGE);
    }

    /** SQL work of one transaction on a {@link ChangeSession}. */
    @FunctionalInterface
    private interface SessionWork {
        void run(Connection c) throws SQLException;
    }

    /** Runs and commits {@code work} on the kept change session; a failure closes the session (rollback). */
    private void inChangeSession(String context, SessionWork work) {
        ChangeSession s = null;
        try {
            s = changeSessions.take(this);
            work.run(s.connection());
            s.connection().commit();
            changeSessions.give(s);
        } catch (SQLException | RuntimeException e) {
            if (s != null) {
                s.close();
            }
            if (e instanceof SQLException sql) {
                throw JdbcFailures.wrap(dialect, sql, context);
            }
            throw (RuntimeException) e;
        }
    }

    /** Rows a retried chunk may have committed before: its key range, or the whole table when unsplit. */
    private void deleteChunkRange(Connection c, TableRef table, Chunk chunk) throws SQLException {
        ChunkQuery delete = ChunkQuery.delete(dialect, qualified(table), chunk);
        try (PreparedStatement ps = c.prepareStatement(delete.sql())) {
            for (int i = 0; i < delete.params().size(); i++) {
                ps.setLong(i + 1, delete.params().get(i));
            }
            ps.executeUpdate();
        }
    }

    protected String createTableSql(TableSchema source, TableRef table) {
        List<String> defs = new ArrayList<>();
        for (Column column : source.columns()) {
            boolean inPk = source.primaryKey().contains(column.name());
            defs.add(dialect.quote(column.name()) + " " + columnType(column.type(), inPk)
                    + (column.nullable() && !inPk ? "" : " NOT NULL"));
        }
        if (source.hasPrimaryKey()) {
            defs.add("PRIMARY KEY (" + String.join(", ", source.primaryKey().stream().map(dialect::quote).toList()) + ")");
        }
        return "CREATE TABLE " + qualified(table) + " (" + String.join(", ", defs) + ")";
    }

    private Set<String> existingColumns(Connection c, TableRef table) throws SQLException {
        Set<String> names = new HashSet<>();
        String catalog = dialect.schemasAreCatalogs() ? table.schema() : c.getCatalog();
        String schema = dialect.schemasAreCatalogs() ? null : JdbcColumns.literalPattern(c.getMetaData(), table.schema());
        try (ResultSet rs = c.getMetaData().getColumns(catalog, schema,
                JdbcColumns.literalPattern(c.getMetaData(), table.name()), "%")) {
            while (rs.next()) {
                if (table.name().equals(rs.getString("TABLE_NAME"))) {
                    names.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return names;
    }

    /**
     * Deletes rows by primary key in one transaction (change data capture), on the kept {@link ChangeSession}.
     *
     * @param keys each the primary-key values in the order of {@code source.primaryKey()}
     */
    public void deleteByKeys(TableSchema source, TableRef target, List<Object[]> keys) {
        StringBuilder where = new StringBuilder();
        for (String k : source.primaryKey()) {
            where.append(where.isEmpty() ? "" : " AND ").append(dialect.quote(k)).append(" = ")
                    .append(keyParameter(source.columns().get(source.indexOf(k)).type()));
        }
        String sql = "DELETE FROM " + qualified(target) + " WHERE " + where;
        inChangeSession("deleting " + keys.size() + " changed row(s) from " + target, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] key : keys) {
                    for (int i = 0; i < key.length; i++) {
                        ps.setObject(i + 1, key[i] instanceof java.time.Instant t
                                ? t.atOffset(java.time.ZoneOffset.UTC) : key[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Deletes every row of a target in one transaction (a change stream copies the table again, issue 16). */
    public void deleteAll(TableRef target) {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + qualified(target));
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "emptying " + target + " before copying it again");
        }
    }

    /**
     * Marks rows deleted by primary key in one transaction instead of removing them (change data capture with
     * {@code track_deletes}): sets {@code flag} true and {@code at} to each key's time, keeping the row's values.
     * A key with no row is left alone.
     *
     * @param keys each the primary-key values in the order of {@code source.primaryKey()}
     * @param times the deletion time of each key
     */
    public void markDeletedByKeys(TableSchema source, TableRef target, List<Object[]> keys, String flag, String at,
                                  List<java.time.Instant> times) {
        StringBuilder where = new StringBuilder();
        for (String k : source.primaryKey()) {
            where.append(where.isEmpty() ? "" : " AND ").append(dialect.quote(k)).append(" = ")
                    .append(keyParameter(source.columns().get(source.indexOf(k)).type()));
        }
        String sql = "UPDATE " + qualified(target) + " SET " + dialect.quote(flag) + " = ?, " + dialect.quote(at)
                + " = ? WHERE " + where;
        inChangeSession("marking " + keys.size() + " row(s) deleted in " + target, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int r = 0; r < keys.size(); r++) {
                    Object[] key = keys.get(r);
                    ps.setBoolean(1, true);
                    ps.setObject(2, instantParameter(times.get(r)));
                    for (int i = 0; i < key.length; i++) {
                        ps.setObject(i + 3, key[i] instanceof java.time.Instant t
                                ? t.atOffset(java.time.ZoneOffset.UTC) : key[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** How an instant is bound for a timestamp-with-time-zone column; MySQL/MariaDB store UTC DATETIMEs. */
    protected Object instantParameter(java.time.Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    /** Lets a column hold NULL (its source column was dropped; rows changed from now on carry NULL in it). */
    public void dropNotNull(TableRef target, Column column) {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute(dropNotNullSql(target, column));
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "making " + target + "." + column.name() + " nullable");
        }
    }

    /** Standard SQL (PostgreSQL); MySQL/MariaDB restate the column's type. */
    protected String dropNotNullSql(TableRef target, Column column) {
        return "ALTER TABLE " + qualified(target) + " ALTER COLUMN " + dialect.quote(column.name()) + " DROP NOT NULL";
    }

    /** The bind placeholder of a key value of this type; a dialect adds a cast where its driver needs one. */
    protected String keyParameter(ColumnType type) {
        return "?";
    }

    public String qualified(TableRef table) {
        return dialect.qualify(table.schema(), table.name());
    }

    public static TableRef staging(TableRef target) {
        return new TableRef(target.schema(), target.name() + STAGING_SUFFIX);
    }

    protected static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
