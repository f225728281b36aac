package io.dtaas.connect.postgres;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic numeric encoder ({@link CopyBinaryRows#numericFromLong}) writes byte for byte what the encoder
 * through decimal text writes (which {@code CopyBinaryRowsIT} checks against the server), for every value it takes.
 */
class CopyBinaryNumericTest {

    private static final Column COLUMN = new Column("n", ColumnType.decimal(null, null), true);

    @Test
    void edgeValuesEncodeAsThroughTheirDigits() {
        List<BigDecimal> values = new ArrayList<>();
        for (String s : List.of("0", "0.00", "-0.00", "1", "-1", "0.0001", "-0.0001", "0.00001", "10000", "9999",
                "10000.0001", "-10000.0001", "12345678.90", "1E+5", "1E-20", "0.0005", "999.9995", "100000000",
                "1.5", "12.5", "99999999.99", "-99999999.99", "0.1", "0.12", "0.123", "0.1234", "0.12345", "1E+12")) {
            values.add(new BigDecimal(s));
        }
        long limit = (1L << 50) - 1;
        for (long u : new long[] {limit, -limit, limit / 10, 10_000_000_000_000L, 1_000_000_000_000_000L - 1}) {
            if (BigInteger.valueOf(u).bitLength() < 50) {
                for (int scale = 0; scale <= 20; scale++) {
                    values.add(BigDecimal.valueOf(u, scale));
                }
            }
        }
        values.forEach(this::assertSameEncoding);
    }

    @Test
    void randomValuesEncodeAsThroughTheirDigits() {
        Random random = new Random(19);
        for (int i = 0; i < 200_000; i++) {
            long unscaled = random.nextLong() >> (14 + random.nextInt(50)); // below 2^50, every magnitude
            int scale = random.nextInt(24);
            assertSameEncoding(BigDecimal.valueOf(unscaled, scale));
        }
    }

    private final CopyBinaryRows fast = new CopyBinaryRows(List.of(COLUMN), "t");
    private final CopyBinaryRows digits = new CopyBinaryRows(List.of(COLUMN), "t");

    private void assertSameEncoding(BigDecimal v) {
        fast.reset();
        digits.reset();
        fast.numericFromLong(v.unscaledValue().longValueExact(), v.scale(), v, COLUMN);
        digits.numericFromDigits(v, v.scale(), v, COLUMN);
        assertThat(Arrays.copyOf(fast.array(), fast.size())).as(v.toPlainString())
                .isEqualTo(Arrays.copyOf(digits.array(), digits.size()));
    }
}
