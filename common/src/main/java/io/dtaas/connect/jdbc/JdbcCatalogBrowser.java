package io.dtaas.connect.jdbc;

import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.error.ConfigError;
import io.dtaas.error.NotFoundError;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The database browser for any JDBC database, using {@link DatabaseMetaData} and the database's dialect. */
public final class JdbcCatalogBrowser implements CatalogBrowser {

    private static final String[] TABLE_TYPES = {"TABLE", "VIEW", "BASE TABLE", "MATERIALIZED VIEW", "PARTITIONED TABLE"};

    private final JdbcSession session;
    private final JdbcDialect dialect;

    public JdbcCatalogBrowser(JdbcSession session, JdbcDialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    @Override
    public List<String> databases() {
        return session.withConnection(null, c -> DatabaseNames.list(c, dialect));
    }

    @Override
    public List<String> schemas(String database) {
        return session.withConnection(database, this::schemaNames);
    }

    @Override
    public List<TableInfo> tables(String database, String schema) {
        return session.withConnection(database, c -> {
            String resolved = resolveSchema(c, schema);
            Map<String, Long> estimates = rowEstimates(c, resolved);
            List<TableInfo> tables = new ArrayList<>();
            for (TableRow t : tableRows(c, resolved, "%")) {
                tables.add(new TableInfo(resolved, t.name, t.kind, estimates.get(t.name)));
            }
            return tables;
        });
    }

    @Override
    public List<ColumnInfo> columns(String database, String schema, String table) {
        return session.withConnection(database, c -> {
            String resolved = resolveSchema(c, schema);
            requireTable(c, resolved, table);
            return JdbcColumns.read(c.getMetaData(), catalogArg(c, resolved), schemaArg(resolved), resolved, table);
        });
    }

    @Override
    public QueryResult preview(String database, String schema, String table, QueryLimits limits) {
        return session.withConnection(database, c -> {
            String resolved = resolveSchema(c, schema);
            requireTable(c, resolved, table);
            // one row more than shown, so that runReadOnly can tell the preview was cut short
            String sql = dialect.previewSql(dialect.qualify(resolved, table), limits.maxRows() + 1);
            return runReadOnly(c, sql, limits);
        });
    }

    @Override
    public QueryResult query(String database, String sql, QueryLimits limits) {
        return session.withConnection(database, c -> runReadOnly(c, dialect.readGuard().admit(c, sql).text(), limits));
    }

    @Override
    public Object singleValue(String database, String sql, int timeoutSeconds) {
        return session.withConnection(database,
                c -> readOnlyValue(c, dialect.readGuard().admit(c, sql).text(), timeoutSeconds));
    }

    private Object readOnlyValue(Connection c, String sql, int timeoutSeconds) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String setup : dialect.readOnlyStatements(timeoutSeconds)) {
                st.execute(setup);
            }
            st.setQueryTimeout(timeoutSeconds);
            st.setMaxRows(2);
            if (!st.execute(sql)) {
                throw new ConfigError("sql", "returned no result; a SELECT answering one value is needed");
            }
            try (ResultSet rs = st.getResultSet()) {
                return JdbcScalarReader.only(rs);
            }
        } catch (SQLException e) {
            if (e instanceof SQLTimeoutException || isTimeout(e)) {
                throw new ConfigError("sql", "cancelled after the " + timeoutSeconds + " s statement timeout");
            }
            throw new ConfigError("sql", JdbcErrors.describe(e));
        } finally {
            rollbackQuietly(c);
        }
    }

    private QueryResult runReadOnly(Connection c, String sql, QueryLimits limits) throws SQLException {
        long started = System.nanoTime();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String setup : dialect.readOnlyStatements(limits.timeoutSeconds())) {
                st.execute(setup);
            }
            st.setQueryTimeout(limits.timeoutSeconds());
            st.setMaxRows(limits.maxRows() + 1);
            // rows arrive this many at a time; each value is at most ResultBudget's cap once ValueBounds applies
            st.setFetchSize(Math.min(limits.maxRows() + 1, 100));
            ValueBounds.Bounded bounded = ValueBounds.apply(c, dialect, sql);
            if (!st.execute(bounded.sql())) {
                throw new ConfigError("sql", "the statement returned no rows to show");
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                CappedRows rows = new CappedRows(meta, limits.maxRows());
                while (rs.next() && rows.add(rs)) {
                    // add() reads the row, and answers false where the row or size limit cuts the result
                }
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                return rows.result(bounded.columns(meta), elapsed);
            }
        } catch (SQLTimeoutException e) {
            throw new ConfigError("sql", "cancelled after the " + limits.timeoutSeconds() + " s statement timeout");
        } catch (SQLException e) {
            if (isTimeout(e)) {
                throw new ConfigError("sql", "cancelled after the " + limits.timeoutSeconds() + " s statement timeout");
            }
            throw new ConfigError("sql", JdbcErrors.describe(e));
        } finally {
            rollbackQuietly(c);
        }
    }

    private static boolean isTimeout(SQLException e) {
        // PostgreSQL: query_canceled; MariaDB: max_statement_time exceeded (1969) / interrupted (1317)
        return "57014".equals(e.getSQLState()) || e.getErrorCode() == 1969 || e.getErrorCode() == 1317;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed right after; nothing was written
        }
    }

    private List<String> schemaNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = dialect.schemasAreCatalogs() ? meta.getCatalogs() : meta.getSchemas(c.getCatalog(), null)) {
            while (rs.next()) {
                String name = rs.getString(dialect.schemasAreCatalogs() ? "TABLE_CAT" : "TABLE_SCHEM");
                if (!dialect.isSystemSchema(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(String::compareTo);
        return names;
    }

    private String resolveSchema(Connection c, String schema) throws SQLException {
        String wanted = schema == null || schema.isBlank() ? dialect.defaultSchema(c) : schema;
        if (wanted == null || !schemaNames(c).contains(wanted)) {
            throw new NotFoundError("schema '" + (wanted == null ? "" : wanted) + "' not found");
        }
        return wanted;
    }

    private void requireTable(Connection c, String schema, String table) throws SQLException {
        if (table == null || table.isEmpty() || tableRows(c, schema, escape(c, table)).stream()
                .noneMatch(t -> t.name.equals(table))) {
            throw new NotFoundError("table '" + table + "' not found in schema '" + schema + "'");
        }
    }

    private record TableRow(String name, String kind) {
    }

    private List<TableRow> tableRows(Connection c, String schema, String tablePattern) throws SQLException {
        List<TableRow> rows = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(catalogArg(c, schema), schemaArg(schema == null ? null
                : escape(c, schema)), tablePattern, TABLE_TYPES)) {
            while (rs.next()) {
                String rowSchema = dialect.schemasAreCatalogs() ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
                if (schema.equals(rowSchema)) {
                    String type = rs.getString("TABLE_TYPE");
                    rows.add(new TableRow(rs.getString("TABLE_NAME"), type != null && type.contains("VIEW") ? "view" : "table"));
                }
            }
        }
        return rows;
    }

    /** The database's row estimate of one table; null when it keeps none. */
    Long rowEstimate(Connection c, io.dtaas.data.TableRef table) throws SQLException {
        return rowEstimates(c, table.schema()).get(table.name());
    }

    private Map<String, Long> rowEstimates(Connection c, String schema) throws SQLException {
        Map<String, Long> estimates = new HashMap<>();
        if (dialect.rowEstimatesSql().isEmpty()) {
            return estimates;
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.rowEstimatesSql().get())) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long estimate = rs.getLong(2);
                    if (!rs.wasNull() && estimate >= 0) {
                        estimates.put(rs.getString(1), estimate);
                    }
                }
            }
        }
        return estimates;
    }

    private String catalogArg(Connection c, String schema) throws SQLException {
        return dialect.schemasAreCatalogs() ? schema : c.getCatalog();
    }

    private String schemaArg(String schema) {
        return dialect.schemasAreCatalogs() ? null : schema;
    }

    private static String escape(Connection c, String name) throws SQLException {
        return JdbcColumns.literalPattern(c.getMetaData(), name);
    }
}
