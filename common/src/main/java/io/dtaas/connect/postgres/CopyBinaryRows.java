package io.dtaas.connect.postgres;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.error.DataError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rows in PostgreSQL's binary COPY format, for targets whose every column has a binary form here: the server then
 * takes fixed-width numbers, dates and times as they are instead of parsing text (float8in, numeric_in and
 * timestamp_in cost more than the whole decode on the Java side), and the Java side formats no text.
 *
 * <p>Each value lands exactly as its CSV text would: typmods (varchar(n), numeric(p,s), timestamp(p)) are applied
 * by the server's receive functions as by its input functions, infinities map to PostgreSQL's infinity, and
 * sub-microsecond fractions round as {@code timestamp_in} rounds them ({@code rint} of the parsed fraction).
 * Values a type cannot hold fail with the same kind of error (out of range, NUL in text).
 */
final class CopyBinaryRows {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01, PostgreSQL's epoch, in days and seconds from 1970-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957;
    private static final long PG_EPOCH_SECONDS = PG_EPOCH_DAYS * 86_400;

    private static final long[] POW10 = {1, 10, 100, 1000};

    private byte[] bytes = new byte[1 << 20];
    /** Base-10000 digits of one numeric, lowest first ({@link #numericFromLong}: at most 5 below 2^50 * 10^3). */
    private final short[] groups = new short[8];
    private int size;
    private final List<Column> columns;
    private final String table;

    CopyBinaryRows(List<Column> columns, String table) {
        this.columns = columns;
        this.table = table;
    }

    /**
     * Whether values of {@code type} can go to a target column PostgreSQL describes as {@code targetType}
     * ({@code format_type}) in binary: same kind, and one of the target types written here.
     */
    static boolean encodable(ColumnType type, String targetType) {
        if (targetType == null) {
            return false;
        }
        String target = targetType.toLowerCase(Locale.ROOT);
        ColumnKind targetKind = PostgresTypes.fromPostgres(target).kind();
        if (targetKind != type.kind() || target.endsWith("[]")) {
            return false;
        }
        return switch (type.kind()) {
            case BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64, DECIMAL, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> true;
            case STRING -> target.equals("text") || target.startsWith("character varying") || target.startsWith("character(")
                    || target.equals("character");
            case JSON -> target.equals("json") || target.equals("jsonb");
            case UUID, INTERVAL, ARRAY, OTHER -> false;
        };
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /** The signature, flags and header extension that open the COPY data. */
    void header() {
        ensure(HEADER.length);
        System.arraycopy(HEADER, 0, bytes, size, HEADER.length);
        size += HEADER.length;
    }

    /** The file trailer: a field count of -1. */
    void trailer() {
        putShort(-1);
    }

    /** @param jsonb per column: the target is jsonb (its binary form starts with a version byte) */
    void row(Object[] row, boolean[] jsonb) {
        putShort(row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                putInt(-1);
            } else {
                value(v, columns.get(i), jsonb[i]);
            }
        }
    }

    private void value(Object v, Column column, boolean jsonb) {
        switch (column.type().kind()) {
            case BOOLEAN -> {
                putInt(1);
                put((byte) (((Boolean) v) ? 1 : 0));
            }
            case INT16 -> {
                long n = ((Number) v).longValue();
                if (n != (short) n) {
                    throw outOfRange(column, v, "smallint");
                }
                putInt(2);
                putShort((int) n);
            }
            case INT32 -> {
                long n = ((Number) v).longValue();
                if (n != (int) n) {
                    throw outOfRange(column, v, "integer");
                }
                putInt(4);
                putInt((int) n);
            }
            case INT64 -> {
                putInt(8);
                putLong(((Number) v).longValue());
            }
            case FLOAT32 -> {
                putInt(4);
                putInt(Float.floatToRawIntBits((Float) v));
            }
            case FLOAT64 -> {
                putInt(8);
                putLong(Double.doubleToRawLongBits((Double) v));
            }
            case DECIMAL -> numeric((BigDecimal) v, column);
            case BINARY -> bytes((byte[]) v);
            case DATE -> {
                putInt(4);
                putInt(date((LocalDate) v, column));
            }
            case TIME -> {
                LocalTime t = (LocalTime) v;
                putInt(8);
                putLong(t.toSecondOfDay() * 1_000_000L + micros(t.getNano()));
            }
            case TIMESTAMP -> {
                putInt(8);
                putLong(timestamp((LocalDateTime) v, column));
            }
            case TIMESTAMP_TZ -> {
                Instant t = (Instant) v;
                putInt(8);
                putLong(micros(t.getEpochSecond(), t.getNano(), column, v));
            }
            case STRING -> text(v.toString(), column, false);
            case JSON -> text(v.toString(), column, jsonb);
            case UUID, INTERVAL, ARRAY, OTHER -> throw new IllegalStateException("no binary form for " + column.type().kind());
        }
    }

    private void text(String s, Column column, boolean jsonbVersion) {
        if (s.indexOf('\0') >= 0) {
            throw new DataError("table " + table + ", column " + column.name()
                    + ": PostgreSQL text cannot hold the NUL character (\\0)", null);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int extra = jsonbVersion ? 1 : 0;
        putInt(utf8.length + extra);
        if (jsonbVersion) {
            put((byte) 1);
        }
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    private void bytes(byte[] b) {
        putInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private int date(LocalDate d, Column column) {
        if (d.equals(LocalDate.MAX)) {
            return Integer.MAX_VALUE;
        }
        if (d.equals(LocalDate.MIN)) {
            return Integer.MIN_VALUE;
        }
        long days = d.toEpochDay() - PG_EPOCH_DAYS;
        if (days != (int) days) {
            throw outOfRange(column, d, "date");
        }
        return (int) days;
    }

    private long timestamp(LocalDateTime t, Column column) {
        if (t.equals(LocalDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        return micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), column, t);
    }

    /** Microseconds from PostgreSQL's epoch; the server itself rejects values beyond its range. */
    private long micros(long epochSecond, int nanos, Column column, Object value) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond - PG_EPOCH_SECONDS, 1_000_000L), micros(nanos));
        } catch (ArithmeticException e) {
            throw outOfRange(column, value, "timestamp");
        }
    }

    /**
     * A fraction of a second in microseconds, rounded as PostgreSQL rounds the text form: {@code rint} of the
     * fraction parsed as a double, times 10^6 (so 1,000,000 carries into the next second, as there).
     */
    static long micros(int nanos) {
        if (nanos % 1000 == 0) {
            return nanos / 1000;
        }
        double fraction = Double.parseDouble("0." + String.format(Locale.ROOT, "%09d", nanos));
        return (long) Math.rint(fraction * 1_000_000);
    }

    /**
     * PostgreSQL's numeric wire form: digit count, weight (of the first base-10000 digit), sign, display scale,
     * then the base-10000 digits without leading or trailing zero groups.
     */
    private void numeric(BigDecimal value, Column column) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int scale = v.scale();
        if (scale > 0x3FFF) {
            throw outOfRange(column, value, "numeric");
        }
        BigInteger unscaled = v.unscaledValue();
        if (unscaled.bitLength() < 50) { // times 10^3 still fits a long: the usual numeric(p <= 15, s)
            numericFromLong(unscaled.longValue(), scale, value, column);
        } else {
            numericFromDigits(v, scale, value, column);
        }
    }

    /**
     * {@link #numericFromDigits} for an unscaled value below 2^50, by arithmetic instead of through its decimal
     * text: the value padded to a scale that is a multiple of 4 splits into base-10000 digits from the lowest up.
     */
    void numericFromLong(long unscaled, int scale, Object value, Column column) {
        int back = Math.floorMod(-scale, 4);
        long x = Math.abs(unscaled) * POW10[back];
        int fractionGroups = (scale + back) / 4;
        int trailingZeroGroups = 0;
        while (x != 0 && x % 10_000 == 0) {
            x /= 10_000;
            trailingZeroGroups++;
        }
        int count = 0;
        while (x != 0) {
            groups[count++] = (short) (x % 10_000);
            x /= 10_000;
        }
        int weight = count == 0 ? 0 : trailingZeroGroups - fractionGroups + count - 1;
        if (weight != (short) weight) {
            throw outOfRange(column, value, "numeric");
        }
        putInt(8 + 2 * count);
        putShort(count);
        putShort(weight);
        putShort(unscaled < 0 && count > 0 ? 0x4000 : 0);
        putShort(scale);
        for (int g = count - 1; g >= 0; g--) {
            putShort(groups[g]);
        }
    }

    /** PostgreSQL's numeric wire form from the decimal digits of {@code v}, of any size (scale checked). */
    void numericFromDigits(BigDecimal v, int scale, Object value, Column column) {
        String digits = v.unscaledValue().abs().toString();
        int intLen = digits.length() - scale;
        int front = Math.floorMod(-intLen, 4);
        int back = Math.floorMod(-scale, 4);
        int total = front + digits.length() + back;
        int weight = (intLen + front) / 4 - 1;
        short[] groups = new short[total / 4];
        for (int g = 0; g < groups.length; g++) {
            int n = 0;
            for (int k = 0; k < 4; k++) {
                int pos = g * 4 + k - front; // index into digits; outside: padding zeros
                n = n * 10 + (pos >= 0 && pos < digits.length() ? digits.charAt(pos) - '0' : 0);
            }
            groups[g] = (short) n;
        }
        int first = 0;
        while (first < groups.length && groups[first] == 0) {
            first++;
        }
        int last = groups.length;
        while (last > first && groups[last - 1] == 0) {
            last--;
        }
        int count = last - first;
        if (count == 0) {
            weight = 0;
        } else {
            weight -= first;
        }
        if (weight != (short) weight) {
            throw outOfRange(column, value, "numeric");
        }
        putInt(8 + 2 * count);
        putShort(count);
        putShort(weight);
        putShort(v.signum() < 0 && count > 0 ? 0x4000 : 0);
        putShort(scale);
        for (int g = first; g < last; g++) {
            putShort(groups[g]);
        }
    }

    private DataError outOfRange(Column column, Object value, String type) {
        return new DataError("table " + table + ", column " + column.name() + ": " + value + " is out of range for type "
                + type, null);
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void putShort(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
