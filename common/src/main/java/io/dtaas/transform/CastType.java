package io.dtaas.transform;

import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;

import java.util.List;
import java.util.Locale;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** The types cast (and add_column's data_type) convert to; {@code decimal} may carry precision and scale. */
record CastType(Kind kind, Integer precision, Integer scale) {

    enum Kind { INTEGER, BIGINT, DECIMAL, DOUBLE, STRING, BOOLEAN, DATE, TIMESTAMP }

    static final List<String> NAMES = List.of("integer", "bigint", "decimal", "double", "string", "boolean", "date",
            "timestamp");
    private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    /** Reads {@code int}, {@code integer}, {@code decimal(10,2)}, ...; null when not a known type. */
    static CastType parse(String text, Integer precision, Integer scale) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DECIMAL.matcher(s);
        if (m.matches()) {
            return new CastType(Kind.DECIMAL, Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
        }
        Kind kind = switch (s) {
            case "int", "integer", "int4" -> Kind.INTEGER;
            case "bigint", "long", "int8" -> Kind.BIGINT;
            case "decimal", "numeric" -> Kind.DECIMAL;
            case "double", "float", "float8" -> Kind.DOUBLE;
            case "string", "text", "varchar" -> Kind.STRING;
            case "boolean", "bool" -> Kind.BOOLEAN;
            case "date" -> Kind.DATE;
            case "timestamp", "datetime" -> Kind.TIMESTAMP;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        return kind == Kind.DECIMAL ? new CastType(kind, precision, precision == null ? null : (scale == null ? 0 : scale))
                : new CastType(kind, null, null);
    }

    ColumnType columnType() {
        return switch (kind) {
            case INTEGER -> ColumnType.of(ColumnKind.INT32);
            case BIGINT -> ColumnType.of(ColumnKind.INT64);
            case DECIMAL -> ColumnType.decimal(precision, scale);
            case DOUBLE -> ColumnType.of(ColumnKind.FLOAT64);
            case STRING -> ColumnType.of(ColumnKind.STRING);
            case BOOLEAN -> ColumnType.of(ColumnKind.BOOLEAN);
            case DATE -> ColumnType.of(ColumnKind.DATE);
            case TIMESTAMP -> ColumnType.of(ColumnKind.TIMESTAMP);
        };
    }

    /** Whether values of {@code from} can be converted to this type at all (values may still fail one by one). */
    boolean accepts(ColumnKind from) {
        boolean numeric = switch (from) {
            case INT16, INT32, INT64, FLOAT32, FLOAT64, DECIMAL -> true;
            default -> false;
        };
        return switch (kind) {
            case STRING -> true;
            case INTEGER, BIGINT, DECIMAL, DOUBLE, BOOLEAN -> numeric || from.isText() || from == ColumnKind.BOOLEAN;
            case DATE, TIMESTAMP -> from.isText() || Schemas.isTemporal(from);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL && precision != null ? "decimal(" + precision + "," + scale + ")"
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
