package io.dtaas.connect.sqlserver;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;

import java.util.Locale;

/** SQL Server column types (INFORMATION_SCHEMA.COLUMNS.DATA_TYPE) to logical types. */
public final class SqlServerTypes {

    public static final String PREFIX = "sql_server:";

    private SqlServerTypes() {
    }

    /** @param charLength CHARACTER_MAXIMUM_LENGTH; -1 means (max) */
    public static ColumnType fromSqlServer(String dataType, Integer precision, Integer scale, Integer charLength) {
        ColumnType type = switch (dataType.toLowerCase(Locale.ROOT)) {
            case "bit" -> ColumnType.of(ColumnKind.BOOLEAN);
            case "tinyint", "smallint" -> ColumnType.of(ColumnKind.INT16);
            case "int" -> ColumnType.of(ColumnKind.INT32);
            case "bigint" -> ColumnType.of(ColumnKind.INT64);
            case "real" -> ColumnType.of(ColumnKind.FLOAT32);
            case "float" -> ColumnType.of(ColumnKind.FLOAT64);
            case "decimal", "numeric" -> ColumnType.decimal(precision, scale);
            case "money" -> ColumnType.decimal(19, 4);
            case "smallmoney" -> ColumnType.decimal(10, 4);
            case "char", "varchar", "nchar", "nvarchar" ->
                    new ColumnType(ColumnKind.STRING, charLength == null || charLength < 0 ? null : charLength, null, null);
            case "text", "ntext", "xml", "sysname" -> ColumnType.of(ColumnKind.STRING);
            case "binary", "varbinary", "image", "timestamp", "rowversion" -> ColumnType.of(ColumnKind.BINARY);
            case "date" -> ColumnType.of(ColumnKind.DATE);
            case "time" -> ColumnType.of(ColumnKind.TIME);
            case "datetime", "datetime2", "smalldatetime" -> ColumnType.of(ColumnKind.TIMESTAMP);
            case "datetimeoffset" -> ColumnType.of(ColumnKind.TIMESTAMP_TZ);
            case "uniqueidentifier" -> ColumnType.of(ColumnKind.UUID);
            default -> ColumnType.of(ColumnKind.OTHER);
        };
        return type.withSourceType(PREFIX + dataType);
    }
}
