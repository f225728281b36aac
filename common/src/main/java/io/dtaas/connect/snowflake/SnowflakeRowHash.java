package io.dtaas.connect.snowflake;

import io.dtaas.connect.jdbc.RowHashSql;
import io.dtaas.data.ColumnType;

/**
 * Snowflake's canonical texts and hashes for validation (docs/type-mapping.md, "Canonical text"). Checked at the
 * SQL level only: tests never connect to Snowflake.
 */
public final class SnowflakeRowHash implements RowHashSql {

    @Override
    public String canonical(String c, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "IFF(" + c + ", '1', '0')";
            case INT16, INT32, INT64, FLOAT32, FLOAT64, INTERVAL, UUID, ARRAY, OTHER, STRING -> "TO_VARCHAR(" + c + ")";
            case DECIMAL -> "IFF(CONTAINS(TO_VARCHAR(" + c + "), '.'), RTRIM(RTRIM(TO_VARCHAR(" + c + "), '0'), '.'), TO_VARCHAR("
                    + c + "))";
            case JSON -> "TO_JSON(" + c + ")";
            case BINARY -> "LOWER(HEX_ENCODE(" + c + "))";
            case DATE -> "TO_CHAR(" + c + ", 'YYYY-MM-DD')";
            case TIME -> "TO_CHAR(" + c + ", 'HH24:MI:SS.FF6')";
            case TIMESTAMP -> "TO_CHAR(" + c + ", 'YYYY-MM-DD HH24:MI:SS.FF6')";
            case TIMESTAMP_TZ -> "TO_CHAR(CONVERT_TIMEZONE('UTC', " + c + ")::TIMESTAMP_NTZ, 'YYYY-MM-DD HH24:MI:SS.FF6')";
        };
    }

    @Override
    public String sumOfHashes(String md5) {
        return "COALESCE(SUM(TO_NUMBER(SUBSTR(" + md5 + ", 1, 15), 'XXXXXXXXXXXXXXX')), 0)";
    }
}
