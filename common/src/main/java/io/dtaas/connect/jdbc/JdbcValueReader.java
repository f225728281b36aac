package io.dtaas.connect.jdbc;

import io.dtaas.connect.catalog.ResultColumn;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns result-set values into what JSON can carry without loss for display: integers that fit a double
 * exactly stay numbers, decimals and big integers become strings, binary becomes hex, NaN/Infinity become
 * strings, long text is cut at {@link #MAX_TEXT} characters for the browser.
 */
final class JdbcValueReader {

    static final int MAX_TEXT = 65_536;
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private JdbcValueReader() {
    }

    static List<ResultColumn> columns(ResultSetMetaData meta) throws SQLException {
        List<ResultColumn> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new ResultColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        return columns;
    }

    static List<Object> row(ResultSet rs, ResultSetMetaData meta) throws SQLException {
        List<Object> row = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.add(value(rs, i, meta.getColumnType(i)));
        }
        return row;
    }

    private static Object value(ResultSet rs, int i, int jdbcType) throws SQLException {
        Object value = switch (jdbcType) {
            case Types.BOOLEAN -> rs.getBoolean(i);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> integer(rs, i);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> floating(rs.getDouble(i));
            case Types.NUMERIC, Types.DECIMAL -> decimal(rs.getBigDecimal(i));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> binary(rs.getBytes(i));
            default -> text(rs.getString(i));
        };
        return rs.wasNull() ? null : value;
    }

    private static Object integer(ResultSet rs, int i) throws SQLException {
        BigDecimal d = rs.getBigDecimal(i);
        if (d == null) {
            return null;
        }
        try {
            long v = d.longValueExact();
            return Math.abs(v) <= MAX_SAFE_INTEGER ? v : d.toPlainString();
        } catch (ArithmeticException unsignedBigint) {
            return d.toPlainString();
        }
    }

    private static Object floating(double v) {
        return Double.isFinite(v) ? v : Double.toString(v);
    }

    private static Object decimal(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static Object binary(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int shown = Math.min(bytes.length, MAX_TEXT / 2);
        String hex = "\\x" + HexFormat.of().formatHex(bytes, 0, shown);
        return shown < bytes.length ? hex + "… (" + bytes.length + " bytes)" : hex;
    }

    private static Object text(String s) {
        if (s == null || s.length() <= MAX_TEXT) {
            return s;
        }
        return s.substring(0, MAX_TEXT) + "… (" + s.length() + " characters)";
    }
}
