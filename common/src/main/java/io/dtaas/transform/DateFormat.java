package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DataError;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * {@code date_format}: a date, time or timestamp as text in {@code format} (DateTimeFormatter pattern, e.g.
 * {@code dd/MM/yyyy}), into {@code target} (default: the column itself). A text column is first read with
 * {@code input_format}. Timestamps with a zone are written in UTC.
 */
record DateFormat(String column, DateTimeFormatter format, String target, DateTimeFormatter inputFormat)
        implements Transformation {

    static DateFormat from(ConfigReader r) {
        String column = r.name("column");
        if (!r.has("format")) {
            r.problem("format", "is required: a pattern such as yyyy-MM-dd");
        }
        return new DateFormat(column, Formats.pattern(r, "format"), r.string("target", null), Formats.pattern(r, "input_format"));
    }

    @Override
    public TransformationType type() {
        return TransformationType.DATE_FORMAT;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int i = Schemas.column(input, column, "column");
        ColumnKind kind = input.columns().get(i).type().kind();
        if (kind.isText() && inputFormat == null) {
            throw new ConfigError("config.input_format", "column \"" + column + "\" is text; give the pattern to read it with");
        }
        if (!kind.isText() && !Schemas.isTemporal(kind) && kind != ColumnKind.TIME) {
            throw new ConfigError("config.column", "column \"" + column + "\" is " + kind.wireName()
                    + "; date_format needs a date, time or timestamp");
        }
        checkPattern(kind);
        Column result = new Column(target != null ? target : column, ColumnType.of(ColumnKind.STRING),
                input.columns().get(i).nullable());
        return new DeriveColumns(input, List.of(result), row -> new Object[]{row[i] == null ? null : format(row[i])});
    }

    /** A pattern asking for what the kind lacks (hours of a date) fails here, once, not on every row. */
    private void checkPattern(ColumnKind kind) {
        Object sample = switch (kind) {
            case DATE -> LocalDate.of(2000, 1, 31);
            case TIME -> LocalTime.of(13, 45, 30);
            case TIMESTAMP_TZ -> Instant.EPOCH;
            default -> LocalDateTime.of(2000, 1, 31, 13, 45, 30);
        };
        if (kind.isText()) {
            return;
        }
        try {
            format(sample);
        } catch (DataError e) {
            throw new ConfigError("config.format", "does not fit column \"" + column + "\" (" + kind.wireName() + "): "
                    + e.getMessage());
        }
    }

    private String format(Object v) {
        try {
            TemporalAccessor t = switch (v) {
                case Instant instant -> instant.atOffset(ZoneOffset.UTC);
                case String s -> inputFormat.parseBest(s.strip(), LocalDateTime::from, LocalDate::from, LocalTime::from);
                default -> (TemporalAccessor) v;
            };
            return format.format(t);
        } catch (DateTimeException e) {
            throw new DataError("date_format of column \"" + column + "\": " + Schemas.show(v) + ": " + e.getMessage(), null);
        }
    }
}
