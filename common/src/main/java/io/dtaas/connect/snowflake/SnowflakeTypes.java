package io.dtaas.connect.snowflake;

import io.dtaas.data.ColumnType;

/**
 * Logical types to Snowflake column types. Decimals wider than Snowflake's NUMBER(38) and unconstrained
 * decimals become VARCHAR so that no digit is lost; JSON becomes VARIANT.
 */
public final class SnowflakeTypes {

    private SnowflakeTypes() {
    }

    public static String toSnowflake(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32, FLOAT64 -> "FLOAT";
            case DECIMAL -> type.precision() != null && type.precision() <= 38
                    ? "NUMBER(" + type.precision() + "," + (type.scale() == null ? 0 : type.scale()) + ")" : "VARCHAR";
            case STRING -> type.precision() != null && type.precision() <= 16_777_216 ? "VARCHAR(" + type.precision() + ")" : "VARCHAR";
            case BINARY -> "BINARY";
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            case TIMESTAMP -> "TIMESTAMP_NTZ(6)";
            case TIMESTAMP_TZ -> "TIMESTAMP_TZ(6)";
            case UUID -> "VARCHAR(36)";
            case JSON -> "VARIANT";
            case INTERVAL, ARRAY, OTHER -> "VARCHAR";
        };
    }

    /** How a staged Parquet column becomes the target column in COPY's SELECT. */
    static String fromParquet(String column, ColumnType type, SnowflakeDialect dialect) {
        String field = "$1:" + dialect.quote(column);
        return switch (type.kind()) {
            case JSON -> "PARSE_JSON(" + field + "::VARCHAR)";
            default -> field + "::" + toSnowflake(type);
        };
    }
}
