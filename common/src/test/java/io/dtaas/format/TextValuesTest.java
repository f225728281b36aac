package io.dtaas.format;

import io.dtaas.data.ColumnKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextValuesTest {

    @Test
    void numbersAreJavasRoundTripFormAndDecimalsNeverUseExponents() {
        assertThat(TextValues.of(ColumnKind.FLOAT32, 1.0e10f)).isEqualTo("1.0E10");
        assertThat(TextValues.of(ColumnKind.FLOAT64, -0.0)).isEqualTo("-0.0");
        assertThat(TextValues.of(ColumnKind.FLOAT64, Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(TextValues.of(ColumnKind.DECIMAL, new BigDecimal("-1.20E-7"))).isEqualTo("-0.000000120");
        assertThat(TextValues.of(ColumnKind.DECIMAL, new BigDecimal("5E+2"))).isEqualTo("500");
    }

    @Test
    void temporalValuesAreIso8601WithSecondsAndOnlyTheNeededFractionDigits() {
        assertThat(TextValues.of(ColumnKind.TIME, LocalTime.of(10, 15))).isEqualTo("10:15:00");
        assertThat(TextValues.of(ColumnKind.TIME, LocalTime.of(10, 15, 0, 120_000_000))).isEqualTo("10:15:00.12");
        assertThat(TextValues.of(ColumnKind.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 7)))
                .isEqualTo("2024-01-02T03:04:05.000000007");
        assertThat(TextValues.of(ColumnKind.TIMESTAMP_TZ, Instant.parse("2024-01-02T03:04:00+02:00")))
                .isEqualTo("2024-01-02T01:04:00Z");
        assertThat(TextValues.of(ColumnKind.DATE, LocalDate.of(-44, 3, 15))).isEqualTo("-0044-03-15");
    }

    @Test
    void binaryIsPaddedBase64() {
        assertThat(TextValues.of(ColumnKind.BINARY, new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("+/8=");
    }

    @Test
    void aValueOfAnotherTypeIsRefused() {
        assertThatThrownBy(() -> TextValues.of(ColumnKind.INT64, 1)).isInstanceOf(ClassCastException.class);
    }
}
