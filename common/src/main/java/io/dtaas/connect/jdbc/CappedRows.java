package io.dtaas.connect.jdbc;

import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.ResultBudget;
import io.dtaas.connect.catalog.ResultColumn;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a browser result row by row within the {@link ResultBudget}: text and binary values are read through
 * capped streams and cut at the value cap (or at what is left of the whole answer's budget), and rows stop at
 * the row limit or once the answer is full. Remembers what it cut, for the result's flags.
 */
final class CappedRows {

    private final int[] types;
    private final int maxRows;
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<List<Integer>> cutCells = new ArrayList<>();
    private long size;
    private boolean rowLimitReached;
    private boolean sizeLimitReached;

    CappedRows(ResultSetMetaData meta, int maxRows) throws SQLException {
        this.types = new int[meta.getColumnCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = meta.getColumnType(i + 1);
        }
        this.maxRows = maxRows;
    }

    /**
     * Reads the result set's current row. Returns false, keeping nothing, when the row limit or the size
     * budget was already reached: the caller stops reading there (the result says it was cut).
     */
    boolean add(ResultSet rs) throws SQLException {
        if (rows.size() == maxRows) {
            rowLimitReached = true;
            return false;
        }
        if (size >= ResultBudget.MAX_RESULT_CHARS) {
            sizeLimitReached = true;
            return false;
        }
        List<Object> row = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            int room = (int) Math.max(0, Math.min(ResultBudget.MAX_VALUE_CHARS, ResultBudget.MAX_RESULT_CHARS - size));
            Object value = read(rs, i + 1, types[i], room);
            if (value instanceof Cut cut) {
                cutCells.add(List.of(rows.size(), i));
                value = cut.shown;
            }
            size += ResultBudget.sizeOf(value);
            row.add(value);
        }
        rows.add(row);
        return true;
    }

    QueryResult result(List<ResultColumn> columns, long elapsedMs) {
        return new QueryResult(columns, rows, rowLimitReached || sizeLimitReached, elapsedMs, !cutCells.isEmpty(),
                cutCells, sizeLimitReached);
    }

    /** A value shown shortened. */
    private record Cut(String shown) {
    }

    private static Object read(ResultSet rs, int i, int type, int room) throws SQLException {
        if (JdbcValueReader.isBinary(type)) {
            int maxBytes = room / 2;
            byte[] bytes = CappedValues.bytes(rs, i, maxBytes);
            if (bytes == null) {
                return null;
            }
            return bytes.length > maxBytes ? new Cut(JdbcValueReader.hex(bytes, maxBytes))
                    : JdbcValueReader.hex(bytes, bytes.length);
        }
        Object value = JdbcValueReader.isLongText(type) ? CappedValues.text(rs, i, room)
                : JdbcValueReader.value(rs, i, type);
        if (value instanceof String s && s.length() > room) {
            return new Cut(ResultBudget.cut(s, room));
        }
        return value;
    }
}
