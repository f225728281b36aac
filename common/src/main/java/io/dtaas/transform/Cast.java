package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DataError;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code cast}: converts a column to integer, bigint, decimal(p,s), double, string, boolean, date or timestamp.
 * {@code format} reads text as dates/timestamps (and writes them when casting to string); {@code on_error}
 * {@code null} turns values that do not convert into NULL instead of failing the table.
 */
record Cast(String column, CastType to, DateTimeFormatter format, boolean nullOnError) implements Transformation {

    static final List<String> ON_ERROR = List.of("fail", "null");

    static Cast from(ConfigReader r) {
        String column = r.name("column");
        String type = r.name("data_type");
        Integer precision = r.integer("precision", null, 1, 1000);
        Integer scale = r.integer("scale", null, 0, 1000);
        CastType to = type == null ? null : CastType.parse(type, precision, scale);
        if (type != null && to == null) {
            r.problem("data_type", "unknown type '" + type + "'; one of " + CastType.NAMES + " (decimal also as decimal(p,s))");
        }
        if (precision != null && scale != null && scale > precision) {
            r.problem("scale", "must not exceed precision");
        }
        DateTimeFormatter format = Formats.pattern(r, "format");
        boolean nullOnError = "null".equals(r.choice("on_error", "fail", ON_ERROR));
        return new Cast(column, to, format, nullOnError);
    }

    @Override
    public TransformationType type() {
        return TransformationType.CAST;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int i = Schemas.column(input, column, "column");
        Column c = input.columns().get(i);
        if (!to.accepts(c.type().kind())) {
            throw new ConfigError("config.data_type", "column \"" + column + "\" is " + c.type().kind().wireName()
                    + ", which cannot be cast to " + to);
        }
        Column result = new Column(column, to.columnType(), c.nullable() || nullOnError);
        return MapColumn.of(input, i, result, v -> {
            try {
                return Conversions.cast(v, to, format);
            } catch (RuntimeException e) {
                if (nullOnError) {
                    return null;
                }
                throw new DataError("cast of column \"" + column + "\": value " + Schemas.show(v) + " is not a valid "
                        + to + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), null);
            }
        });
    }
}
