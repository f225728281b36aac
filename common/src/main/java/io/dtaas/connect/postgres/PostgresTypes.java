package io.dtaas.connect.postgres;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL type names (as {@code format_type} prints them) to logical types, and back. The exact source
 * type is kept in {@link ColumnType#sourceType()} as {@code postgresql:<type>} so that PostgreSQL-to-PostgreSQL
 * copies recreate it exactly.
 */
public final class PostgresTypes {

    public static final String PREFIX = "postgresql:";
    /** {@code numeric(12,2)}, {@code varchar(64)}, and sizes inside a name: {@code timestamp(6) without time zone}. */
    private static final Pattern SIZED = Pattern.compile("([a-z ]+)\\((\\d+)(?:,(\\d+))?\\)( [a-z ]+)?");

    private PostgresTypes() {
    }

    public static ColumnType fromPostgres(String formatted) {
        String t = formatted.toLowerCase(java.util.Locale.ROOT);
        Integer p = null;
        Integer s = null;
        Matcher m = SIZED.matcher(t);
        String base = t;
        if (m.matches()) {
            base = (m.group(1).trim() + (m.group(4) == null ? "" : m.group(4))).trim();
            p = Integer.valueOf(m.group(2));
            s = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        }
        ColumnKind kind = t.endsWith("[]") ? ColumnKind.ARRAY : kind(base);
        if (kind == ColumnKind.DECIMAL && p != null && s == null) {
            s = 0;
        }
        if (kind != ColumnKind.DECIMAL && kind != ColumnKind.STRING && kind != ColumnKind.TIME
                && kind != ColumnKind.TIMESTAMP && kind != ColumnKind.TIMESTAMP_TZ) {
            p = null;
            s = null;
        }
        return new ColumnType(kind, p, s, PREFIX + formatted);
    }

    private static ColumnKind kind(String base) {
        return switch (base) {
            case "boolean" -> ColumnKind.BOOLEAN;
            case "smallint" -> ColumnKind.INT16;
            case "integer" -> ColumnKind.INT32;
            case "bigint" -> ColumnKind.INT64;
            case "real" -> ColumnKind.FLOAT32;
            case "double precision" -> ColumnKind.FLOAT64;
            case "numeric" -> ColumnKind.DECIMAL;
            case "text", "character varying", "character", "name", "citext", "\"char\"" -> ColumnKind.STRING;
            case "bytea" -> ColumnKind.BINARY;
            case "date" -> ColumnKind.DATE;
            case "time without time zone" -> ColumnKind.TIME;
            case "timestamp without time zone" -> ColumnKind.TIMESTAMP;
            case "timestamp with time zone" -> ColumnKind.TIMESTAMP_TZ;
            case "interval" -> ColumnKind.INTERVAL;
            case "uuid" -> ColumnKind.UUID;
            case "json", "jsonb" -> ColumnKind.JSON;
            default -> ColumnKind.OTHER;
        };
    }

    /** The PostgreSQL column type for a logical type; the exact source type when it came from PostgreSQL. */
    public static String toPostgres(ColumnType type) {
        if (type.sourceType() != null && type.sourceType().startsWith(PREFIX)) {
            return type.sourceType().substring(PREFIX.length());
        }
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case DECIMAL -> type.precision() == null ? "numeric"
                    : "numeric(" + Math.min(type.precision(), 1000) + "," + (type.scale() == null ? 0 : type.scale()) + ")";
            case STRING -> type.precision() == null || type.precision() > 10_485_760 ? "text"
                    : "varchar(" + type.precision() + ")";
            case BINARY -> "bytea";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMP_TZ -> "timestamptz";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case INTERVAL, ARRAY, OTHER -> "text";
        };
    }
}
