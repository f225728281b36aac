package io.dtaas.connect.jdbc;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;

import java.sql.Types;

/**
 * Logical types from generic JDBC metadata, for results whose columns have no catalog entry (custom
 * queries). Catalog-described tables use each database's precise mapping instead.
 */
public final class JdbcTypes {

    private JdbcTypes() {
    }

    public static ColumnType fromJdbc(int sqlType, String typeName, int precision, int scale) {
        String name = typeName == null ? "" : typeName.toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("_") || name.endsWith("[]") || sqlType == Types.ARRAY) {
            return ColumnType.of(ColumnKind.ARRAY);
        }
        if (name.equals("uuid") || name.equals("uniqueidentifier")) {
            return ColumnType.of(ColumnKind.UUID);
        }
        if (name.equals("json") || name.equals("jsonb")) {
            return ColumnType.of(ColumnKind.JSON);
        }
        if (name.equals("interval")) {
            return ColumnType.of(ColumnKind.INTERVAL);
        }
        return switch (sqlType) {
            case Types.BIT, Types.BOOLEAN -> precision > 1 ? ColumnType.of(ColumnKind.BINARY) : ColumnType.of(ColumnKind.BOOLEAN);
            case Types.TINYINT, Types.SMALLINT -> ColumnType.of(ColumnKind.INT16);
            case Types.INTEGER -> ColumnType.of(ColumnKind.INT32);
            case Types.BIGINT -> ColumnType.of(ColumnKind.INT64);
            case Types.REAL -> ColumnType.of(ColumnKind.FLOAT32);
            case Types.FLOAT, Types.DOUBLE -> ColumnType.of(ColumnKind.FLOAT64);
            case Types.NUMERIC, Types.DECIMAL -> precision > 0 && precision <= 1000
                    ? ColumnType.decimal(precision, Math.max(0, scale)) : ColumnType.decimal(null, null);
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB, Types.SQLXML -> ColumnType.of(ColumnKind.STRING);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ColumnType.of(ColumnKind.BINARY);
            case Types.DATE -> ColumnType.of(ColumnKind.DATE);
            case Types.TIME -> ColumnType.of(ColumnKind.TIME);
            case Types.TIMESTAMP -> ColumnType.of(ColumnKind.TIMESTAMP);
            case Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.of(ColumnKind.TIMESTAMP_TZ);
            default -> name.equals("timestamptz") ? ColumnType.of(ColumnKind.TIMESTAMP_TZ) : ColumnType.of(ColumnKind.OTHER);
        };
    }
}
