package io.dtaas.transform.expr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Which types meet in comparisons and results, and how a text constant is read as a date or number. */
final class Coercions {

    private Coercions() {
    }

    static boolean comparable(ExprType a, ExprType b) {
        return a.isOpen() || b.isOpen() || a == b || (a.isNumeric() && b.isNumeric())
                || (a.isTemporal() && b.isTemporal());
    }

    /**
     * Makes two operands comparable: a text constant next to a date, timestamp, number or boolean is read as
     * that type once, here (so {@code created_at >= '2024-01-01'} works); anything else must already match.
     */
    static Compiled[] align(Compiled l, Compiled r, int position) {
        if (comparable(l.type(), r.type())) {
            return new Compiled[]{l, r};
        }
        if (r.constant() && r.type() == ExprType.STRING) {
            return new Compiled[]{l, read((String) r.eval(null), l.type(), position)};
        }
        if (l.constant() && l.type() == ExprType.STRING) {
            return new Compiled[]{read((String) l.eval(null), r.type(), position), r};
        }
        throw new ExpressionException(position, "cannot compare " + l.type().wireName() + " with " + r.type().wireName());
    }

    /** A text constant as a value of {@code type}. */
    static Compiled read(String text, ExprType type, int position) {
        String s = text.strip();
        try {
            Object value = switch (type) {
                case DATE -> LocalDate.parse(s);
                case TIMESTAMP -> timestamp(s);
                case TIMESTAMP_TZ -> instant(s);
                case TIME -> LocalTime.parse(s);
                case INTEGER, DECIMAL, DOUBLE -> number(s);
                case BOOLEAN -> bool(s);
                default -> throw new ExpressionException(position, "cannot compare " + type.wireName() + " with string");
            };
            return Compiled.of(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ExpressionException(position, "'" + text + "' is not a valid " + type.wireName());
        }
    }

    private static LocalDateTime timestamp(String s) {
        return s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T'));
    }

    private static Instant instant(String s) {
        String iso = s.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException noOffset) {
            return timestamp(s).toInstant(ZoneOffset.UTC);
        }
    }

    private static Object number(String s) {
        BigDecimal d = new BigDecimal(s);
        try {
            return d.longValueExact();
        } catch (ArithmeticException notIntegral) {
            return d;
        }
    }

    private static Boolean bool(String s) {
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new NumberFormatException(s);
    }

    /** The one type several results share (numbers widen, a date joins timestamps); a mismatch names the culprit. */
    static ExprType common(List<Compiled> values, List<Node> nodes, String what) {
        ExprType type = ExprType.NULL;
        for (int i = 0; i < values.size(); i++) {
            ExprType t = values.get(i).type();
            ExprType shared = ExprType.common(type, t);
            if (shared == null) {
                throw new ExpressionException(nodes.get(i).position(), what + " mix " + type.wireName() + " and "
                        + t.wireName());
            }
            type = shared;
        }
        return type;
    }
}
