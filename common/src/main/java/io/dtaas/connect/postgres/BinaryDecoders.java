package io.dtaas.connect.postgres;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.error.DataError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Decoders from PostgreSQL's binary send format (binary COPY) to the Java values {@link io.dtaas.data.ColumnKind}
 * prescribes, giving exactly what the JDBC path ({@link PostgresSource#readValue}) gives. A column whose type has
 * no decoder here is sent as {@code ::text} when its text form is what JDBC reads too ({@link #TEXT_CAST}), and
 * otherwise the table is read through JDBC: {@link #of} answers null.
 */
final class BinaryDecoders {

    /** Decodes one non-NULL field of {@code len} bytes at {@code p}. */
    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] b, int p, int len);
    }

    /** A column's decoder and whether the SELECT casts it to text first. */
    record ColumnDecoder(Decoder decoder, boolean castToText) {
    }

    /** Days and microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957;
    private static final long PG_EPOCH_SECONDS = PG_EPOCH_DAYS * 86_400;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * Types pgjdbc reads as the server's text output (they have no binary receive in pgjdbc), so that their
     * {@code ::text} cast is exactly the JDBC value. Types pgjdbc receives in binary and prints its own way (point,
     * box, time with time zone, binary arrays) are absent, and so are types whose text cast is not their output
     * function (inet prints a /128 mask, "char" does not escape high bytes): tables holding them are read through JDBC.
     */
    private static final Set<String> TEXT_CAST = Set.of("interval", "macaddr", "macaddr8", "money",
            "xml", "bit", "bit varying", "tsvector", "tsquery", "text[]",
            "citext");

    private BinaryDecoders() {
    }

    /** The decoder for a column of a PostgreSQL table, or null when only the JDBC path reads it exactly. */
    static ColumnDecoder of(Column column) {
        ColumnType type = column.type();
        String source = type.sourceType();
        if (source == null || !source.startsWith(PostgresTypes.PREFIX)) {
            return null;
        }
        String base = base(source.substring(PostgresTypes.PREFIX.length()));
        Decoder native_ = switch (base) {
            case "boolean" -> (b, p, len) -> b[p] != 0;
            case "smallint" -> (b, p, len) -> (int) CopyBinaryInput.getShort(b, p);
            case "integer" -> (b, p, len) -> CopyBinaryInput.getInt(b, p);
            case "bigint" -> (b, p, len) -> CopyBinaryInput.getLong(b, p);
            case "real" -> (b, p, len) -> Float.intBitsToFloat(CopyBinaryInput.getInt(b, p));
            case "double precision" -> (b, p, len) -> Double.longBitsToDouble(CopyBinaryInput.getLong(b, p));
            case "numeric" -> (b, p, len) -> numeric(b, p, column.name());
            case "text", "character varying", "character", "name" -> BinaryDecoders::utf8;
            case "json" -> BinaryDecoders::utf8;
            case "jsonb" -> (b, p, len) -> new String(b, p + 1, len - 1, StandardCharsets.UTF_8); // version byte 1
            case "bytea" -> (b, p, len) -> Arrays.copyOfRange(b, p, p + len);
            case "uuid" -> (b, p, len) -> new UUID(CopyBinaryInput.getLong(b, p), CopyBinaryInput.getLong(b, p + 8)).toString();
            case "date" -> (b, p, len) -> date(CopyBinaryInput.getInt(b, p));
            case "time without time zone" -> (b, p, len) -> time(CopyBinaryInput.getLong(b, p));
            case "timestamp without time zone" -> (b, p, len) -> timestamp(CopyBinaryInput.getLong(b, p));
            case "timestamp with time zone" -> (b, p, len) -> instant(CopyBinaryInput.getLong(b, p));
            default -> null;
        };
        if (native_ != null) {
            return new ColumnDecoder(native_, false);
        }
        return TEXT_CAST.contains(base) ? new ColumnDecoder(BinaryDecoders::utf8, true) : null;
    }

    /** {@code numeric(12,2)} → {@code numeric}, {@code timestamp(3) without time zone} → {@code timestamp without time zone}. */
    static String base(String formatted) {
        String t = formatted.toLowerCase(Locale.ROOT);
        String array = t.endsWith("[]") ? "[]" : "";
        if (!array.isEmpty()) {
            t = t.substring(0, t.length() - 2);
        }
        return t.replaceAll("\\(\\d+(,\\d+)?\\)", "").trim() + array;
    }

    private static Object utf8(byte[] b, int p, int len) {
        return new String(b, p, len, StandardCharsets.UTF_8);
    }

    /**
     * numeric's send format: digit count, weight (of the first base-10000 digit), sign, display scale, digits. The
     * value has exactly the display scale the text form prints, so it equals {@code new BigDecimal(text)}.
     */
    static BigDecimal numeric(byte[] b, int p, String column) {
        int ndigits = CopyBinaryInput.getShort(b, p);
        int weight = CopyBinaryInput.getShort(b, p + 2);
        int sign = CopyBinaryInput.getShort(b, p + 4) & 0xffff;
        int dscale = CopyBinaryInput.getShort(b, p + 6) & 0xffff;
        if (sign != 0x0000 && sign != 0x4000) {
            String text = switch (sign) {
                case 0xC000 -> "NaN";
                case 0xD000 -> "Infinity";
                case 0xF000 -> "-Infinity";
                default -> "sign " + sign;
            };
            throw new DataError("column " + column + " holds numeric '" + text
                    + "', which has no exact decimal form; cast it to double precision or text in a custom query", null);
        }
        BigDecimal value;
        int scale = 4 * (ndigits - 1 - weight); // of the digits read as one integer
        if (ndigits == 0) {
            value = BigDecimal.ZERO;
        } else if (ndigits <= 4) { // 10000^4 fits a long
            long unscaled = 0;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled * 10_000 + CopyBinaryInput.getShort(b, p + 8 + 2 * i);
            }
            value = BigDecimal.valueOf(sign == 0x4000 ? -unscaled : unscaled, scale);
        } else {
            StringBuilder digits = new StringBuilder(ndigits * 4);
            for (int i = 0; i < ndigits; i++) {
                int d = CopyBinaryInput.getShort(b, p + 8 + 2 * i);
                String s = Integer.toString(d);
                digits.append("0000", 0, 4 - s.length()).append(s);
            }
            BigInteger unscaled = new BigInteger(digits.toString());
            value = new BigDecimal(sign == 0x4000 ? unscaled.negate() : unscaled, scale);
        }
        return value.setScale(dscale, RoundingMode.UNNECESSARY);
    }

    /** As pgjdbc reads binary dates: ±infinity become {@link LocalDate#MAX}/{@link LocalDate#MIN}. */
    static LocalDate date(int days) {
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(days + PG_EPOCH_DAYS);
    }

    /** 24:00:00 (allowed by PostgreSQL) becomes {@link LocalTime#MAX}, as pgjdbc reads it. */
    static LocalTime time(long micros) {
        return micros >= MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
    }

    static LocalDateTime timestamp(long micros) {
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        long seconds = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    static Instant instant(long micros) {
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX.toInstant();
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN.toInstant();
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
