package io.dtaas.connect.jdbc;

import io.dtaas.error.ConfigError;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * Reads the one value of a one-row, one-column result with its type kept (unlike the browser's display
 * values): integers as {@code Long}, exact numbers as {@code BigDecimal}, dates and timestamps as java.time.
 */
final class JdbcScalarReader {

    private JdbcScalarReader() {
    }

    /** @throws ConfigError naming {@code sql} unless the result is exactly one row with one column */
    static Object only(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        if (meta.getColumnCount() != 1) {
            throw new ConfigError("sql", "must return exactly one column; it returned " + meta.getColumnCount());
        }
        if (!rs.next()) {
            throw new ConfigError("sql", "returned no row; exactly one row with one value is needed");
        }
        Object value = value(rs, meta.getColumnType(1), meta.getColumnTypeName(1));
        if (rs.next()) {
            throw new ConfigError("sql", "returned more than one row; exactly one row with one value is needed");
        }
        return value;
    }

    private static Object value(ResultSet rs, int jdbcType, String typeName) throws SQLException {
        Object value = switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(1);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> integer(rs.getBigDecimal(1));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> rs.getDouble(1);
            case Types.NUMERIC, Types.DECIMAL -> rs.getBigDecimal(1);
            case Types.DATE -> rs.getObject(1, LocalDate.class);
            case Types.TIMESTAMP -> "timestamptz".equalsIgnoreCase(typeName)
                    ? instant(rs.getObject(1, OffsetDateTime.class)) : rs.getObject(1, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> instant(rs.getObject(1, OffsetDateTime.class));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    throw new ConfigError("sql", "returned binary data (" + typeName + "); a variable holds text,"
                            + " numbers, dates or booleans");
            default -> rs.getString(1);
        };
        return rs.wasNull() ? null : value;
    }

    /** Whole numbers as Long; an unsigned BIGINT beyond Long's range stays exact as BigDecimal. */
    private static Object integer(BigDecimal d) {
        if (d == null) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException tooBig) {
            return d;
        }
    }

    private static Object instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
