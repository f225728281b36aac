package io.dtaas.connect.mysql;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;

import java.util.Locale;

/**
 * MySQL/MariaDB column types to logical types and back. {@code TINYINT(1)} stays an integer (it can hold
 * 2..127); {@code BIT(1)} is a boolean. The exact source type is kept as {@code mysql:<COLUMN_TYPE>}.
 */
public final class MysqlTypes {

    public static final String PREFIX = "mysql:";

    private MysqlTypes() {
    }

    /**
     * @param dataType   information_schema DATA_TYPE (e.g. {@code int})
     * @param columnType information_schema COLUMN_TYPE (e.g. {@code int(10) unsigned})
     */
    public static ColumnType fromMysql(String dataType, String columnType, Long precision, Long scale, Long charLength) {
        String t = dataType.toLowerCase(Locale.ROOT);
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        ColumnType type = switch (t) {
            case "tinyint" -> ColumnType.of(ColumnKind.INT16);
            case "smallint", "year" -> ColumnType.of(unsigned ? ColumnKind.INT32 : ColumnKind.INT16);
            case "mediumint" -> ColumnType.of(ColumnKind.INT32);
            case "int", "integer" -> ColumnType.of(unsigned ? ColumnKind.INT64 : ColumnKind.INT32);
            case "bigint" -> unsigned ? ColumnType.decimal(20, 0) : ColumnType.of(ColumnKind.INT64);
            case "float" -> ColumnType.of(ColumnKind.FLOAT32);
            case "double", "real" -> ColumnType.of(ColumnKind.FLOAT64);
            case "decimal", "numeric" -> ColumnType.decimal(intOrNull(precision), intOrNull(scale));
            case "bit" -> columnType.equalsIgnoreCase("bit(1)") ? ColumnType.of(ColumnKind.BOOLEAN) : ColumnType.of(ColumnKind.BINARY);
            case "char", "varchar" -> new ColumnType(ColumnKind.STRING, intOrNull(charLength), null, null);
            case "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> ColumnType.of(ColumnKind.STRING);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "geometry", "point",
                 "linestring", "polygon" -> ColumnType.of(ColumnKind.BINARY);
            case "date" -> ColumnType.of(ColumnKind.DATE);
            case "time" -> ColumnType.of(ColumnKind.TIME);
            case "datetime" -> ColumnType.of(ColumnKind.TIMESTAMP);
            case "timestamp" -> ColumnType.of(ColumnKind.TIMESTAMP_TZ);
            case "json" -> ColumnType.of(ColumnKind.JSON);
            case "uuid" -> ColumnType.of(ColumnKind.UUID);
            default -> ColumnType.of(ColumnKind.OTHER);
        };
        return type.withSourceType(PREFIX + columnType);
    }

    private static Integer intOrNull(Long v) {
        return v == null || v > Integer.MAX_VALUE ? null : v.intValue();
    }

    /** The MySQL column type for a logical type; the exact source type when it came from MySQL. */
    public static String toMysql(ColumnType type, boolean inPrimaryKey) {
        if (type.sourceType() != null && type.sourceType().startsWith(PREFIX)) {
            return type.sourceType().substring(PREFIX.length());
        }
        return switch (type.kind()) {
            case BOOLEAN -> "BIT(1)";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case DECIMAL -> type.precision() == null || type.precision() > 65
                    ? "DECIMAL(65,30)" : "DECIMAL(" + type.precision() + "," + Math.min(30, type.scale() == null ? 0 : type.scale()) + ")";
            case STRING -> type.precision() != null && type.precision() <= 16_000 ? "VARCHAR(" + type.precision() + ")"
                    : inPrimaryKey ? "VARCHAR(768)" : "LONGTEXT";
            case BINARY -> inPrimaryKey ? "VARBINARY(3072)" : "LONGBLOB";
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(6)";
            case UUID -> "CHAR(36)";
            case JSON -> "JSON";
            case INTERVAL, ARRAY, OTHER -> inPrimaryKey ? "VARCHAR(768)" : "LONGTEXT";
        };
    }
}
