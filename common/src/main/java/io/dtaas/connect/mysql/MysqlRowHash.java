package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.RowHashSql;
import io.dtaas.data.ColumnType;

/**
 * MySQL's and MariaDB's canonical texts and hashes for validation (docs/type-mapping.md, "Canonical text"); the
 * session runs in UTC, as for loads, so TIMESTAMP columns read as UTC times.
 */
public final class MysqlRowHash implements RowHashSql {

    @Override
    public String canonical(String c, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "CASE WHEN " + c + " <> 0 THEN '1' ELSE '0' END";
            case INT16, INT32, INT64, FLOAT32, FLOAT64 -> "CAST(" + c + " AS CHAR)";
            case DECIMAL -> "CASE WHEN LOCATE('.', CAST(" + c + " AS CHAR)) > 0 THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0'"
                    + " FROM CAST(" + c + " AS CHAR))) ELSE CAST(" + c + " AS CHAR) END";
            case STRING, INTERVAL, JSON, ARRAY, OTHER -> "CONVERT(" + c + " USING utf8mb4)";
            case UUID -> "LOWER(CONVERT(" + c + " USING utf8mb4))";
            case BINARY -> "LOWER(HEX(" + c + "))";
            case DATE -> "DATE_FORMAT(" + c + ", '%Y-%m-%d')";
            case TIME -> "TIME_FORMAT(" + c + ", '%H:%i:%s.%f')";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATE_FORMAT(" + c + ", '%Y-%m-%d %H:%i:%s.%f')";
        };
    }

    @Override
    public String sumOfHashes(String md5) {
        return "COALESCE(SUM(CAST(CONV(SUBSTR(" + md5 + ", 1, 15), 16, 10) AS UNSIGNED)), 0)";
    }
}
