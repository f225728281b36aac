package io.dtaas.format;

import io.dtaas.format.writers.RowFileWriters;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.SystemError;
import io.dtaas.testing.EdgeCaseBatch;
import io.dtaas.testing.EdgeCaseChecks;
import io.dtaas.testing.FileReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV and JSON lines written into memory: exact bytes for small cases, the edge-case batch read back. */
class TextRowFileWritersTest {

    private static final TableSchema SMALL = new TableSchema(new TableRef("s", "t"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT32), false),
            new Column("na,me \"x\"", ColumnType.of(ColumnKind.STRING), true),
            new Column("amount", ColumnType.decimal(10, 2), true),
            new Column("ratio", ColumnType.of(ColumnKind.FLOAT64), true)), List.of("id"));

    private static byte[] write(FileFormat format, Compression compression, Batch... batches) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowFileWriter writer = new RowFileWriters(new RowFileFormat(format, compression), ParquetOptions.DEFAULT)
                .open(batches[0].schema(), out)) {
            for (Batch b : batches) {
                writer.write(b);
            }
            writer.finish();
            assertThat(writer.bytesWritten()).isEqualTo(out.size());
            assertThat(writer.rowsWritten()).isEqualTo(Arrays.stream(batches).mapToInt(Batch::size).sum());
        }
        return out.toByteArray();
    }

    private static Batch small(Object[]... rows) {
        return new Batch(SMALL, new ArrayList<>(List.of(rows)));
    }

    @Test
    void csvIsRfc4180WithNullAsAnEmptyUnquotedField() {
        byte[] csv = write(FileFormat.CSV, Compression.NONE, small(
                new Object[] {1, "", new BigDecimal("1E+3"), Double.NaN},
                new Object[] {2, null, null, null},
                new Object[] {3, "say \"hi\", then\r\nleave", new BigDecimal("-0.50"), -0.0}));
        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo(
                "id,\"na,me \"\"x\"\"\",amount,ratio\r\n"
                        + "1,\"\",1000,NaN\r\n"
                        + "2,,,\r\n"
                        + "3,\"say \"\"hi\"\", then\r\nleave\",-0.50,-0.0\r\n");
    }

    @Test
    void jsonLinesAreOneObjectPerLineWithTypedValues() {
        byte[] json = write(FileFormat.JSON, Compression.NONE, small(
                new Object[] {1, "ü \"q\"\n", new BigDecimal("12.30"), Double.POSITIVE_INFINITY},
                new Object[] {2, null, null, 2.5}));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":1,\"na,me \\\"x\\\"\":\"ü \\\"q\\\"\\n\",\"amount\":\"12.30\",\"ratio\":\"Infinity\"}\n"
                        + "{\"id\":2,\"na,me \\\"x\\\"\":null,\"amount\":null,\"ratio\":2.5}\n");
    }

    @Test
    void aFileWithoutRowsHasTheCsvHeaderOnlyAndNoJsonLine() {
        assertThat(new String(write(FileFormat.CSV, Compression.NONE, small()), StandardCharsets.UTF_8))
                .isEqualTo("id,\"na,me \"\"x\"\"\",amount,ratio\r\n");
        assertThat(write(FileFormat.JSON, Compression.NONE, small())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void csvHoldsEveryEdgeCaseExactly(Compression compression) {
        byte[] file = write(FileFormat.CSV, compression, EdgeCaseBatch.batch());
        EdgeCaseChecks.assertCsv(FileReadBack.decompress(file, compression));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void jsonLinesHoldEveryEdgeCaseExactly(Compression compression) {
        byte[] file = write(FileFormat.JSON, compression, EdgeCaseBatch.batch());
        EdgeCaseChecks.assertJsonLines(FileReadBack.decompress(file, compression));
    }

    @Test
    void aValueOfTheWrongJavaTypeIsOurBugNamingTableAndColumn() {
        Batch bad = small(new Object[] {1, "x", "12.5", 1.0});
        for (FileFormat format : List.of(FileFormat.CSV, FileFormat.JSON)) {
            assertThatThrownBy(() -> write(format, Compression.NONE, bad)).isInstanceOf(SystemError.class)
                    .hasMessage("table s.t, column amount: a decimal value must not be a java.lang.String");
        }
    }
}
