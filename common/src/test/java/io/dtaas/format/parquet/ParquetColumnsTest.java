package io.dtaas.format.parquet;

import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;
import io.dtaas.error.SystemError;
import io.dtaas.format.Compression;
import io.dtaas.format.CountingOutputStream;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.parquet.ParquetColumn.UnwritableValue;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetColumnsTest {

    private static PrimitiveType type(ColumnType type) {
        return ParquetColumns.of(new Column("c", type, true)).type().asPrimitiveType();
    }

    @Test
    void declaredDecimalsUpTo38DigitsAreFixedWidthDecimals() {
        PrimitiveType small = type(ColumnType.decimal(9, 2));
        assertThat(small.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
        assertThat(small.getTypeLength()).isEqualTo(4);
        assertThat(small.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(2, 9));
        assertThat(type(ColumnType.decimal(38, 0)).getTypeLength()).isEqualTo(16);
        assertThat(type(ColumnType.decimal(10, null)).getLogicalTypeAnnotation())
                .as("NUMERIC(p) has scale 0").isEqualTo(LogicalTypeAnnotation.decimalType(0, 10));
    }

    @Test
    void decimalsParquetCannotDeclareAreText() {
        for (ColumnType t : List.of(ColumnType.decimal(null, null), ColumnType.decimal(39, 2),
                ColumnType.decimal(10, -2), ColumnType.decimal(3, 5))) {
            assertThat(type(t).getPrimitiveTypeName()).as(t.toString()).isEqualTo(PrimitiveTypeName.BINARY);
            assertThat(type(t).getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        }
    }

    @Test
    void uuidIsTextAndJsonKeepsItsAnnotation() {
        assertThat(type(ColumnType.of(ColumnKind.UUID)).getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(type(ColumnType.of(ColumnKind.JSON)).getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.jsonType());
    }

    @Test
    void decimalsAreRescaledToTwosComplementOfTheDeclaredWidth() {
        DecimalColumn column = new DecimalColumn(ColumnType.decimal(9, 2));
        assertThat(column.encode(new BigDecimal("1.5"))).containsExactly(0, 0, 0, (byte) 150);
        assertThat(column.encode(new BigDecimal("-0.01"))).containsExactly(-1, -1, -1, -1);
        assertThat(column.encode(new BigDecimal("-9999999.99")))
                .containsExactly(new java.math.BigInteger("-999999999").toByteArray());
    }

    @Test
    void decimalsThatWouldLoseDigitsAreRefused() {
        DecimalColumn column = new DecimalColumn(ColumnType.decimal(5, 2));
        assertThatThrownBy(() -> column.encode(new BigDecimal("1.234"))).isInstanceOf(UnwritableValue.class)
                .hasMessage("1.234 has more than 2 fraction digits, the declared scale of decimal(5,2)");
        assertThatThrownBy(() -> column.encode(new BigDecimal("1000.00"))).isInstanceOf(UnwritableValue.class)
                .hasMessage("1000.00 has more digits than decimal(5,2) holds");
        assertThat(column.encode(new BigDecimal("999.990"))).isEqualTo(column.encode(new BigDecimal("999.99")));
    }

    @Test
    void writingAnUnfittingValueIsADataErrorNamingTableAndColumn() {
        TableSchema schema = new TableSchema(new TableRef("sales", "orders"),
                List.of(new Column("amount", ColumnType.decimal(5, 2), true),
                        new Column("small", ColumnType.of(ColumnKind.INT16), true)), List.of());
        assertThatThrownBy(() -> writeOneRow(schema, new BigDecimal("1.234"), 1)).isInstanceOf(DataError.class)
                .hasMessage("table sales.orders, column amount: "
                        + "1.234 has more than 2 fraction digits, the declared scale of decimal(5,2)");
        assertThatThrownBy(() -> writeOneRow(schema, null, 40_000)).isInstanceOf(DataError.class)
                .hasMessage("table sales.orders, column small: 40000 is out of range for int16");
        assertThatThrownBy(() -> writeOneRow(schema, 1.5, 1)).isInstanceOf(SystemError.class)
                .hasMessage("table sales.orders, column amount: a decimal value must not be a java.lang.Double");
    }

    private static void writeOneRow(TableSchema schema, Object... row) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row);
        try (var writer = new ParquetRowFileWriter(schema, new CountingOutputStream(new ByteArrayOutputStream()),
                Compression.NONE, ParquetOptions.DEFAULT)) {
            writer.write(new Batch(schema, rows));
            writer.finish();
        }
    }

    /** The long fast path gives exactly the BigInteger path's bytes and refusals, for every width it takes. */
    @Test
    void decimalsUpToEighteenDigitsEncodeAsTheGeneralPathDoes() {
        java.util.Random random = new java.util.Random(19);
        for (int precision = 1; precision <= 18; precision++) {
            for (int scale = 0; scale <= precision; scale += Math.max(1, precision / 3)) {
                DecimalColumn column = new DecimalColumn(ColumnType.decimal(precision, scale));
                for (int i = 0; i < 2_000; i++) {
                    long digits = (long) Math.pow(10, random.nextInt(precision + 2));
                    BigDecimal value = BigDecimal.valueOf(random.nextLong() % Math.max(1, digits), scale);
                    byte[] fast = null;
                    byte[] general = null;
                    try {
                        fast = column.encode(value);
                    } catch (UnwritableValue e) {
                        fast = new byte[0];
                    }
                    try {
                        general = column.encodeGeneral(value);
                    } catch (UnwritableValue e) {
                        general = new byte[0];
                    }
                    assertThat(fast).as(value + " in decimal(" + precision + "," + scale + ")").isEqualTo(general);
                }
            }
        }
    }
}
