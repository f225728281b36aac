package io.dtaas.format.parquet;

import io.dtaas.data.ColumnType;
import io.dtaas.format.parquet.ParquetColumn.UnwritableValue;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static io.dtaas.format.parquet.ParquetColumn.NOT_REPEATED;
import static io.dtaas.format.parquet.ParquetColumn.PRESENT;

/**
 * A DECIMAL with a declared precision of at most 38 and a scale in [0, precision], stored as Parquet
 * DECIMAL(p,s) in a FIXED_LEN_BYTE_ARRAY just wide enough for p digits (two's complement, big-endian, the
 * layout Spark and Hive write). Values are rescaled to the declared scale; one that would lose digits or has
 * more than p digits is a data error, never rounded. Other decimals (unconstrained, wider, negative scale)
 * are stored as their plain text with the STRING annotation.
 */
final class DecimalColumn {

    static final int MAX_PRECISION = 38;

    private final int precision;
    private final int scale;
    private final int width;
    private final BigInteger limit;

    DecimalColumn(ColumnType type) {
        this.precision = type.precision();
        this.scale = type.scale() == null ? 0 : type.scale();
        this.width = bytesFor(precision);
        this.limit = BigInteger.TEN.pow(precision);
    }

    /** Whether Parquet's DECIMAL can hold the declared type; a missing scale means 0 (SQL's NUMERIC(p)). */
    static boolean fits(ColumnType type) {
        Integer p = type.precision();
        int s = type.scale() == null ? 0 : type.scale();
        return p != null && p >= 1 && p <= MAX_PRECISION && s >= 0 && s <= p;
    }

    static ParquetColumn asText(String name) {
        return new ParquetColumn(
                ParquetColumns.optional(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), name),
                (out, v) -> out.write(ParquetColumns.utf8(((BigDecimal) v).toPlainString()), NOT_REPEATED, PRESENT));
    }

    ParquetColumn column(String name) {
        var type = Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(width)
                .as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name);
        return new ParquetColumn(type, (out, v) -> out.write(Binary.fromConstantByteArray(encode((BigDecimal) v)), NOT_REPEATED, PRESENT));
    }

    byte[] encode(BigDecimal value) {
        if (width <= 8 && value.scale() == scale && value.precision() <= 18) {
            return encodeLong(value.unscaledValue().longValue(), value);
        }
        return encodeGeneral(value);
    }

    /** The common case (p ≤ 18, value already at the declared scale) without BigInteger arithmetic. */
    private byte[] encodeLong(long unscaled, BigDecimal value) {
        if (value.precision() > precision && unscaled != 0) {
            throw new UnwritableValue(value.toPlainString() + " has more digits than decimal(" + precision + ","
                    + scale + ") holds", null);
        }
        byte[] fixed = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            fixed[i] = (byte) unscaled;
            unscaled >>= 8; // arithmetic shift: the sign fills the leading bytes
        }
        return fixed;
    }

    /** The general path, for any value; package-visible so tests can hold the fast path to it. */
    byte[] encodeGeneral(BigDecimal value) {
        BigInteger unscaled;
        try {
            unscaled = value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        } catch (ArithmeticException e) {
            throw new UnwritableValue(value.toPlainString() + " has more than " + scale
                    + " fraction digits, the declared scale of decimal(" + precision + "," + scale + ")", e);
        }
        if (unscaled.abs().compareTo(limit) >= 0) {
            throw new UnwritableValue(value.toPlainString() + " has more digits than decimal(" + precision + ","
                    + scale + ") holds", null);
        }
        byte[] minimal = unscaled.toByteArray();
        byte[] fixed = new byte[width];
        byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
        int pad = width - minimal.length;
        for (int i = 0; i < pad; i++) {
            fixed[i] = sign;
        }
        System.arraycopy(minimal, 0, fixed, pad, minimal.length);
        return fixed;
    }

    /** The fewest bytes whose two's complement range holds every p-digit integer. */
    static int bytesFor(int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return (max.bitLength() + 1 + 7) / 8;
    }
}
