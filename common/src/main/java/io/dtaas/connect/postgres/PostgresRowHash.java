package io.dtaas.connect.postgres;

import io.dtaas.connect.jdbc.RowHashSql;
import io.dtaas.data.ColumnType;

/** PostgreSQL's canonical texts and hashes for validation (docs/type-mapping.md, "Canonical text"). */
public final class PostgresRowHash implements RowHashSql {

    @Override
    public String canonical(String c, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "CASE WHEN " + c + " THEN '1' ELSE '0' END";
            case INT16, INT32, INT64, FLOAT32, FLOAT64, INTERVAL, UUID, JSON, ARRAY, OTHER -> c + "::text";
            // trim_scale: 1.50 in numeric(10,2) and 1.5 in numeric are one value
            case DECIMAL -> "trim_scale(" + c + ")::text";
            // concat keeps char(n) padding, as a load reads it (a cast to text would trim it)
            case STRING -> "concat(" + c + ")";
            case BINARY -> "encode(" + c + ", 'hex')";
            case DATE -> "to_char(" + c + ", 'YYYY-MM-DD')";
            case TIME -> "to_char(" + c + ", 'HH24:MI:SS.US')";
            case TIMESTAMP -> "to_char(" + c + ", 'YYYY-MM-DD HH24:MI:SS.US')";
            case TIMESTAMP_TZ -> "to_char(" + c + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
        };
    }

    @Override
    public String sumOfHashes(String md5) {
        return "COALESCE(SUM(('x' || substr(" + md5 + ", 1, 15))::bit(60)::bigint), 0)";
    }
}
