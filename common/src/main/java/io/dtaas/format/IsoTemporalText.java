package io.dtaas.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 text of dates and times, exactly as {@link DateTimeFormatter#ISO_LOCAL_DATE},
 * {@link DateTimeFormatter#ISO_LOCAL_TIME} and {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME} print them (seconds
 * always, as many fraction digits as needed), written digit by digit: the formatters' generic printer-parser
 * chain cost about 15% of the CPU of a CSV export of a table with a timestamp and a date. Years outside 0–9999
 * (which ISO prints with a sign and more digits) go to the formatter itself.
 */
final class IsoTemporalText {

    private IsoTemporalText() {
    }

    static String date(LocalDate d) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        }
        StringBuilder s = new StringBuilder(10);
        appendDate(s, d);
        return s.toString();
    }

    static String time(LocalTime t) {
        StringBuilder s = new StringBuilder(18);
        appendTime(s, t);
        return s.toString();
    }

    /** @param suffix appended after the time ("Z" for an instant in UTC, or "") */
    static String dateTime(LocalDateTime dt, String suffix) {
        if (dt.getYear() < 0 || dt.getYear() > 9999) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dt) + suffix;
        }
        StringBuilder s = new StringBuilder(30);
        appendDate(s, dt.toLocalDate());
        s.append('T');
        appendTime(s, dt.toLocalTime());
        return s.append(suffix).toString();
    }

    private static void appendDate(StringBuilder s, LocalDate d) {
        int year = d.getYear();
        two(s, year / 100);
        two(s, year % 100);
        s.append('-');
        two(s, d.getMonthValue());
        s.append('-');
        two(s, d.getDayOfMonth());
    }

    private static void appendTime(StringBuilder s, LocalTime t) {
        two(s, t.getHour());
        s.append(':');
        two(s, t.getMinute());
        s.append(':');
        two(s, t.getSecond());
        int nano = t.getNano();
        if (nano == 0) {
            return;
        }
        int digits = 9;
        while (nano % 10 == 0) { // the fraction without its trailing zeros, as appendFraction(NANO, 0, 9, true)
            nano /= 10;
            digits--;
        }
        s.append('.');
        String n = Integer.toString(nano);
        for (int pad = digits - n.length(); pad > 0; pad--) {
            s.append('0');
        }
        s.append(n);
    }

    private static void two(StringBuilder s, int v) {
        s.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
