package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code extract_date_part}: a part of a date or timestamp as an integer column {@code target} (default
 * {@code <column>_<part>}). {@code weekday} is ISO (1 = Monday ... 7 = Sunday); {@code epoch} is seconds since
 * 1970-01-01 UTC; timestamps with a zone are read in UTC.
 */
record ExtractDatePart(String column, String part, String target) implements Transformation {

    static final List<String> PARTS = List.of("year", "month", "day", "hour", "minute", "weekday", "quarter", "epoch");

    static ExtractDatePart from(ConfigReader r) {
        return new ExtractDatePart(r.name("column"), r.choice("part", null, PARTS), r.string("target", null));
    }

    @Override
    public TransformationType type() {
        return TransformationType.EXTRACT_DATE_PART;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int i = Schemas.column(input, column, "column");
        ColumnKind kind = input.columns().get(i).type().kind();
        if (!Schemas.isTemporal(kind)) {
            throw new ConfigError("config.column", "column \"" + column + "\" is " + kind.wireName()
                    + "; extract_date_part needs a date or timestamp (cast text first)");
        }
        if (kind == ColumnKind.DATE && (part.equals("hour") || part.equals("minute"))) {
            throw new ConfigError("config.part", "column \"" + column + "\" is a date, which has no " + part);
        }
        String name = target != null ? target : column + "_" + part;
        ColumnType type = ColumnType.of(part.equals("epoch") ? ColumnKind.INT64 : ColumnKind.INT32);
        Column result = new Column(name, type, input.columns().get(i).nullable());
        return new DeriveColumns(input, List.of(result), row -> new Object[]{row[i] == null ? null : extract(row[i])});
    }

    private Object extract(Object v) {
        LocalDateTime t = switch (v) {
            case LocalDate d -> d.atStartOfDay();
            case Instant instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            default -> (LocalDateTime) v;
        };
        return switch (part) {
            case "year" -> t.getYear();
            case "month" -> t.getMonthValue();
            case "day" -> t.getDayOfMonth();
            case "hour" -> t.getHour();
            case "minute" -> t.getMinute();
            case "weekday" -> t.getDayOfWeek().getValue();
            case "quarter" -> (t.getMonthValue() - 1) / 3 + 1;
            default -> v instanceof Instant instant ? (Object) instant.getEpochSecond() : (Object) t.toEpochSecond(ZoneOffset.UTC);
        };
    }
}
