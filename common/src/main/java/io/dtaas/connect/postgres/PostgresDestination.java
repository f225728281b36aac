package io.dtaas.connect.postgres;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.jdbc.JdbcDestination;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Loads PostgreSQL with COPY; merges through a temporary table and INSERT ... ON CONFLICT (change data capture: one
 * the session keeps, {@link #newChangeWriter}).
 */
final class PostgresDestination extends JdbcDestination {

    private static final String TARGET_TYPES = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND a.attnum > 0
              AND NOT a.attisdropped ORDER BY a.attnum""";

    /** Targets whose column types equal their PostgreSQL source's, which may take binary COPY data as it is. */
    private final Set<TableRef> binaryCompatible = ConcurrentHashMap.newKeySet();
    /** Targets whose every column takes rows in binary COPY form ({@link CopyBinaryRows}): their column types. */
    private final Map<TableRef, Map<String, String>> binaryRowTypes = new ConcurrentHashMap<>();

    PostgresDestination(PostgresDialect dialect, Supplier<JdbcEndpoint> endpoint) {
        super(dialect, endpoint);
    }

    @Override
    protected void prepared(Connection c, TableSchema source, TableRef table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        Map<String, String> plain = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(TARGET_TYPES)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), PostgresTypes.PREFIX + rs.getString(2));
                    plain.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        if (source.columns().stream().allMatch(col -> CopyBinaryRows.encodable(col.type(), plain.get(col.name())))) {
            binaryRowTypes.put(table, plain);
        } else {
            binaryRowTypes.remove(table);
        }
        boolean same = types.size() == source.columns().size() && source.columns().stream()
                .allMatch(col -> col.type().sourceType() != null && col.type().sourceType().equals(types.get(col.name())));
        if (same) {
            binaryCompatible.add(table);
        } else {
            binaryCompatible.remove(table);
        }
    }

    @Override
    protected String columnType(ColumnType type, boolean inPrimaryKey) {
        return PostgresTypes.toPostgres(type);
    }

    /** Keys held as text (uuid, json...) compare only after a cast to the column's type. */
    @Override
    protected String keyParameter(ColumnType type) {
        return "CAST(? AS " + PostgresTypes.toPostgres(type) + ")";
    }

    @Override
    protected String createSchemaSql(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + dialect.quote(schema);
    }

    @Override
    protected List<String> swapSql(TableRef staging, TableRef target) {
        return List.of("DROP TABLE IF EXISTS " + qualified(target),
                "ALTER TABLE " + qualified(staging) + " RENAME TO " + dialect.quote(target.name()));
    }

    @Override
    protected void renameStagingIndexes(Connection c, TableRef target) throws SQLException {
        String staged = staging(target).name();
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.relname FROM pg_index x"
                + " JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = CAST(? AS regclass)")) {
            ps.setString(1, qualified(target));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                if (name.startsWith(staged)) {
                    // renaming a constraint's index renames the constraint too
                    st.execute("ALTER INDEX " + dialect.qualify(target.schema(), name) + " RENAME TO "
                            + dialect.quote(target.name() + name.substring(staged.length())));
                }
            }
        }
    }

    @Override
    protected ChunkWriter newWriter(Connection c, TableSchema source, TableRef table, Chunk chunk, WriteMode mode)
            throws SQLException {
        String columns = columnList(source);
        if (mode != WriteMode.MERGE) {
            return new PostgresCopyWriter(dialect, c, source, qualified(table), columns, null, binaryCompatible.contains(table),
                    targetTypes(source, table), context(table, chunk));
        }
        String temp = dialect.quote("dtaas_merge_" + chunk.index());
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE " + temp + " (LIKE " + qualified(table) + ") ON COMMIT DROP");
        }
        return mergeWriter(c, source, table, temp, context(table, chunk));
    }

    /**
     * Changes are staged in a temporary table the session keeps (emptied at each commit) instead of one created
     * and dropped per batch: of exactly the merged columns, typed as the target's, without its NOT NULLs (a
     * narrow merge leaves columns out; the upsert checks the target's constraints). A new column list (the source
     * gained a column, an update left large values out) gets its own table.
     */
    @Override
    protected ChunkWriter newChangeWriter(io.dtaas.connect.jdbc.ChangeSession session, TableSchema source, TableRef table)
            throws SQLException {
        String columns = columnList(source);
        String key = qualified(table) + " (" + columns + ")";
        String temp = session.staging(key);
        if (temp == null) {
            temp = session.stage(key, n -> dialect.quote("dtaas_changes_" + n));
            try (Statement st = session.connection().createStatement()) {
                st.execute("CREATE TEMP TABLE " + temp + " ON COMMIT DELETE ROWS AS SELECT " + columns + " FROM "
                        + qualified(table) + " WITH NO DATA");
            }
        }
        return mergeWriter(session.connection(), source, table, temp, "merging changes into " + table);
    }

    /** Rows go to {@code temp} by COPY, then INSERT ... ON CONFLICT into the table at commit. */
    private ChunkWriter mergeWriter(Connection c, TableSchema source, TableRef table, String temp, String context) {
        String columns = columnList(source);
        String keys = source.primaryKey().stream().map(dialect::quote).collect(Collectors.joining(", "));
        List<String> others = source.columns().stream().map(Column::name)
                .filter(n -> !source.primaryKey().contains(n)).map(dialect::quote).toList();
        String action = others.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + others.stream()
                .map(q -> q + " = EXCLUDED." + q).collect(Collectors.joining(", "));
        String merge = "INSERT INTO " + qualified(table) + " (" + columns + ") SELECT " + columns + " FROM " + temp
                + " ON CONFLICT (" + keys + ") " + action;
        return new PostgresCopyWriter(dialect, c, source, temp, columns, merge, false, targetTypes(source, table), context);
    }

    private String columnList(TableSchema source) {
        return source.columns().stream().map(col -> dialect.quote(col.name())).collect(Collectors.joining(", "));
    }

    private static String context(TableRef table, Chunk chunk) {
        return "writing " + table + " chunk " + (chunk.index() + 1) + "/" + chunk.count();
    }

    /** The target's column types by source column when every one takes binary COPY rows, else null (CSV). */
    private List<String> targetTypes(TableSchema source, TableRef table) {
        Map<String, String> binaryTypes = binaryRowTypes.get(table);
        return binaryTypes == null || !source.columns().stream()
                .allMatch(col -> CopyBinaryRows.encodable(col.type(), binaryTypes.get(col.name())))
                ? null : source.columns().stream().map(col -> binaryTypes.get(col.name())).toList();
    }
}
