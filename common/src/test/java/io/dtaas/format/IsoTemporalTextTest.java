package io.dtaas.format;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written ISO printer gives exactly what java.time's ISO formatters give, character for character. */
class IsoTemporalTextTest {

    private static final int[] NANOS = {0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            123_456_789, 120_000_000, 999_999_999, 500_000, 5, 100_000_001};

    @Test
    void datesTimesAndTimestampsPrintAsTheIsoFormatters() {
        List<LocalDateTime> values = new ArrayList<>(List.of(LocalDateTime.MIN, LocalDateTime.MAX,
                LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(-1, 12, 31, 23, 59, 59),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(10_000, 1, 1, 0, 0),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(1970, 1, 1, 0, 0)));
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-70_000_000_000L, 300_000_000_000L); // years about -250 to 11,500
            int nano = i % 3 == 0 ? NANOS[random.nextInt(NANOS.length)] : random.nextInt(1_000_000_000);
            values.add(LocalDateTime.ofEpochSecond(second, nano, java.time.ZoneOffset.UTC));
        }
        for (LocalDateTime v : values) {
            assertThat(IsoTemporalText.dateTime(v, "")).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(v));
            assertThat(IsoTemporalText.dateTime(v, "Z")).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(v) + "Z");
            LocalDate d = v.toLocalDate();
            assertThat(IsoTemporalText.date(d)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE.format(d));
            LocalTime t = v.toLocalTime();
            assertThat(IsoTemporalText.time(t)).isEqualTo(DateTimeFormatter.ISO_LOCAL_TIME.format(t));
        }
        assertThat(IsoTemporalText.time(LocalTime.MIDNIGHT)).isEqualTo("00:00:00");
        assertThat(IsoTemporalText.dateTime(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 60_000_000), "Z"))
                .isEqualTo("2020-01-02T03:04:05.06Z");
    }
}
