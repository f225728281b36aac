package io.dtaas.format.parquet;

import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.format.Compression;
import io.dtaas.format.CountingOutputStream;
import io.dtaas.format.ParquetOptions;
import io.dtaas.testing.EdgeCaseBatch;
import io.dtaas.testing.EdgeCaseChecks;
import io.dtaas.testing.FileReadBack;
import io.dtaas.testing.FileReadBack.ParquetContent;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parquet written into memory and read back with parquet-hadoop's reader from a temp file. */
class ParquetRowFileWriterIT {

    @TempDir
    Path scratch;

    private static byte[] write(TableSchema schema, Compression compression, ParquetOptions options, Batch... batches) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = new ParquetRowFileWriter(schema, new CountingOutputStream(out), compression, options)) {
            for (Batch batch : batches) {
                writer.write(batch);
            }
            writer.finish();
            assertThat(writer.bytesWritten()).isEqualTo(out.size());
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyEdgeCaseIsStoredAsDocumented(Compression compression) {
        byte[] file = write(EdgeCaseBatch.schema(), compression, ParquetOptions.DEFAULT, EdgeCaseBatch.batch());
        EdgeCaseChecks.assertParquet(FileReadBack.parquet(file, scratch), FileReadBack.parquetCodec(compression));
    }

    @Test
    void rowGroupsAreFlushedBySizeSoMemoryDoesNotGrowWithRows() {
        TableSchema schema = new TableSchema(new TableRef(null, "wide"), List.of(
                new Column("id", ColumnType.of(ColumnKind.INT64), false),
                new Column("text", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < 500; r++) {
                long id = b * 500L + r;
                rows.add(new Object[] {id, "row " + id + " " + "x".repeat((int) (id % 200))});
            }
            batches.add(new Batch(schema, rows));
        }
        byte[] file = write(schema, Compression.NONE, new ParquetOptions(64 * 1024, 8 * 1024, 100),
                batches.toArray(Batch[]::new));
        ParquetContent content = FileReadBack.parquet(file, scratch);
        assertThat(content.rowGroups()).as("10,000 rows of ~100 bytes in 64 KiB row groups").isGreaterThan(5);
        assertThat(content.codecs()).containsExactly(CompressionCodecName.UNCOMPRESSED);
        assertThat(content.rows()).hasSize(10_000);
        for (int i = 0; i < content.rows().size(); i += 997) {
            assertThat(content.rows().get(i).getLong(0, 0)).isEqualTo(i);
            assertThat(content.rows().get(i).getBinary(1, 0).toStringUsingUTF8()).startsWith("row " + i + " ");
        }
    }
}
