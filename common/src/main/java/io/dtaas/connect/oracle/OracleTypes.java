package io.dtaas.connect.oracle;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;

import java.util.Locale;

/**
 * Oracle column types (ALL_TAB_COLUMNS.DATA_TYPE) to logical types. Integer NUMBER(p,0) columns become
 * integers so that they can key chunk ranges; Oracle DATE carries a time of day, so it is a TIMESTAMP.
 */
public final class OracleTypes {

    public static final String PREFIX = "oracle:";

    private OracleTypes() {
    }

    public static ColumnType fromOracle(String dataType, Integer precision, Integer scale, Integer charLength) {
        String t = dataType.toUpperCase(Locale.ROOT);
        ColumnType type;
        if (t.equals("NUMBER")) {
            type = number(precision, scale);
        } else if (t.startsWith("TIMESTAMP") && t.contains("TIME ZONE")) {
            type = ColumnType.of(ColumnKind.TIMESTAMP_TZ);
        } else if (t.startsWith("TIMESTAMP") || t.equals("DATE")) {
            type = ColumnType.of(ColumnKind.TIMESTAMP);
        } else if (t.startsWith("INTERVAL")) {
            type = ColumnType.of(ColumnKind.INTERVAL);
        } else {
            type = switch (t) {
                case "BINARY_FLOAT" -> ColumnType.of(ColumnKind.FLOAT32);
                case "BINARY_DOUBLE", "FLOAT" -> ColumnType.of(ColumnKind.FLOAT64);
                case "VARCHAR2", "NVARCHAR2", "CHAR", "NCHAR" -> new ColumnType(ColumnKind.STRING, charLength, null, null);
                case "CLOB", "NCLOB", "LONG", "ROWID", "UROWID" -> ColumnType.of(ColumnKind.STRING);
                case "RAW", "BLOB", "LONG RAW" -> ColumnType.of(ColumnKind.BINARY);
                case "JSON" -> ColumnType.of(ColumnKind.JSON);
                default -> ColumnType.of(ColumnKind.OTHER);
            };
        }
        return type.withSourceType(PREFIX + dataType);
    }

    private static ColumnType number(Integer precision, Integer scale) {
        if (precision != null && scale != null && scale == 0) {
            if (precision <= 9) {
                return ColumnType.of(ColumnKind.INT32);
            }
            if (precision <= 18) {
                return ColumnType.of(ColumnKind.INT64);
            }
        }
        return ColumnType.decimal(precision, precision == null ? null : scale);
    }
}
