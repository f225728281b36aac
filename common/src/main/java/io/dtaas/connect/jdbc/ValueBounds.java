package io.dtaas.connect.jdbc;

import io.dtaas.connect.catalog.ResultBudget;
import io.dtaas.connect.catalog.ResultColumn;
import io.dtaas.data.ColumnType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a console query so that the server cuts long values before sending them, where the dialect can
 * ({@link JdbcDialect#boundsValuesOnServer}): {@code SELECT left(c1::text, n) AS "label", … FROM (<query>) AS
 * dtaas_bounded(c1, …)}. The query is described first (parsed, not run) to learn its columns, and the wrapped
 * text is described too; whenever either fails (statements that are no subquery, such as SHOW or EXPLAIN) the
 * query runs as written and its values are only cut while read. Runs inside the caller's read-only transaction,
 * each description under a savepoint so that a failed one does not abort it.
 */
final class ValueBounds {

    private ValueBounds() {
    }

    /**
     * What to run, and the columns to report (the query's own labels and type names, not the wrapper's).
     *
     * @param described null when the query runs as written
     */
    record Bounded(String sql, List<ResultColumn> described) {

        List<ResultColumn> columns(ResultSetMetaData executed) throws SQLException {
            return described != null ? described : JdbcValueReader.columns(executed);
        }
    }

    static Bounded apply(Connection c, JdbcDialect dialect, String statement) throws SQLException {
        Bounded asWritten = new Bounded(statement, null);
        if (!dialect.boundsValuesOnServer()) {
            return asWritten;
        }
        List<ResultColumn> columns = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        if (!describe(c, statement, columns, types) || columns.isEmpty()) {
            return asWritten;
        }
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder names = new StringBuilder();
        boolean cuts = false;
        for (int i = 0; i < columns.size(); i++) {
            String name = dialect.quote("c" + (i + 1));
            String value = dialect.boundedValue(name, types.get(i), ResultBudget.MAX_VALUE_CHARS,
                    ResultBudget.MAX_VALUE_BYTES);
            cuts |= !value.equals(name);
            String label = columns.get(i).name();
            select.append(i == 0 ? "" : ", ").append(value).append(" AS ")
                    .append(dialect.quote(label == null || label.isEmpty() ? "?column?" : label));
            names.append(i == 0 ? "" : ", ").append(name);
        }
        if (!cuts) {
            return asWritten;
        }
        // the newline ends a trailing -- comment of the query before our closing parenthesis
        String wrapped = select + " FROM (" + statement + "\n) AS dtaas_bounded(" + names + ")";
        return describe(c, wrapped, new ArrayList<>(), new ArrayList<>()) ? new Bounded(wrapped, columns) : asWritten;
    }

    /** Parses and describes {@code sql} without running it; false (and the transaction intact) when that fails. */
    private static boolean describe(Connection c, String sql, List<ResultColumn> columns, List<ColumnType> types)
            throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ResultSetMetaData meta = ps.getMetaData();
            if (meta == null) {
                return false;
            }
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new ResultColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                ColumnType type = JdbcTypes.fromJdbc(meta.getColumnType(i), meta.getColumnTypeName(i),
                        meta.getPrecision(i), meta.getScale(i));
                int length = meta.getPrecision(i);
                types.add(length > 0 && length < Integer.MAX_VALUE
                        ? new ColumnType(type.kind(), length, type.scale(), null) : type);
            }
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            c.rollback(savepoint);
            return false;
        }
    }
}
