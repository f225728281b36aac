package io.dtaas.connect.postgres;

import io.dtaas.data.Column;
import io.dtaas.error.DataError;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;

/** Logical values as PostgreSQL's text input forms, as COPY reads them. */
final class PostgresLiterals {

    private PostgresLiterals() {
    }

    static String text(Object value, Column column, String table) {
        return switch (column.type().kind()) {
            case BOOLEAN -> ((Boolean) value) ? "t" : "f";
            case INT16, INT32, INT64 -> value.toString();
            case FLOAT32 -> floating(((Float) value).doubleValue(), Float.toString((Float) value));
            case FLOAT64 -> floating((Double) value, Double.toString((Double) value));
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BINARY -> "\\x" + HexFormat.of().formatHex((byte[]) value);
            case DATE -> date((LocalDate) value);
            case TIME -> ((LocalTime) value).toString();
            case TIMESTAMP -> timestamp((LocalDateTime) value);
            case TIMESTAMP_TZ -> ((Instant) value).toString();
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> noNul(value.toString(), column, table);
        };
    }

    private static String floating(double v, String shortest) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return shortest;
    }

    static String date(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return "infinity";
        }
        if (d.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        if (d.getYear() <= 0) {
            return String.format("%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
        return d.toString();
    }

    private static String timestamp(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return "infinity";
        }
        if (t.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        String date = date(t.toLocalDate());
        return date.endsWith(" BC") ? date.substring(0, date.length() - 3) + " " + t.toLocalTime() + " BC"
                : date + " " + t.toLocalTime();
    }

    private static String noNul(String s, Column column, String table) {
        if (s.indexOf('\0') >= 0) {
            throw new DataError("table " + table + ", column " + column.name()
                    + ": PostgreSQL text cannot hold the NUL character (\\0)", null);
        }
        return s;
    }
}
