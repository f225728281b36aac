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
 * strings. Text and binary values are read by {@link CappedRows}, which cuts them.
 */
final class JdbcValueReader {

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

    /** Whether a column of this JDBC type holds text that may be long (read through a capped stream). */
    static boolean isLongText(int jdbcType) {
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> true;
            default -> false;
        };
    }

    static boolean isBinary(int jdbcType) {
        return switch (jdbcType) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> true;
            default -> false;
        };
    }

    /** A value of any other type: a number, boolean, or its text (dates, JSON, arrays, ...). */
    static Object value(ResultSet rs, int i, int jdbcType) throws SQLException {
        Object value = switch (jdbcType) {
            case Types.BOOLEAN -> rs.getBoolean(i);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> integer(rs, i);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> floating(rs.getDouble(i));
            case Types.NUMERIC, Types.DECIMAL -> decimal(rs.getBigDecimal(i));
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : value;
    }

    /** Binary as {@code \x} and hex digits. */
    static String hex(byte[] bytes, int length) {
        return "\\x" + HexFormat.of().formatHex(bytes, 0, length);
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
}
