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

    /**
     * A column whose dictionary falls back to plain encoding (unique values) is written plain in the table's later
     * files, a low-cardinality one keeps its dictionary, and every value reads back the same either way.
     */
    @Test
    void laterFilesOfATableSkipDictionariesThatFellBack() throws Exception {
        TableSchema schema = new TableSchema(new TableRef("public", "dict"), List.of(
                new Column("id", ColumnType.of(ColumnKind.INT64), false),
                new Column("hash", ColumnType.of(ColumnKind.STRING), true),
                new Column("status", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));
        ParquetDictionaries dictionaries = new ParquetDictionaries();
        List<byte[]> files = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < 20_000; r++) {
                long id = f * 20_000L + r;
                rows.add(new Object[] {id, Long.toHexString(id * 0x9E3779B97F4A7C15L), r % 3 == 0 ? null : "state " + r % 4});
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var writer = new ParquetRowFileWriter(schema, new CountingOutputStream(out), Compression.SNAPPY,
                    new ParquetOptions(1024 * 1024, 8 * 1024, 100), dictionaries)) {
                writer.write(new Batch(schema, rows));
                writer.finish();
            }
            files.add(out.toByteArray());
            if (f == 0) {
                assertThat(dictionaries.plain(schema.table())).containsExactlyInAnyOrder("id", "hash");
            }
        }
        Path file = scratch.resolve("second.parquet");
        java.nio.file.Files.write(file, files.get(1));
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(new org.apache.parquet.io.LocalInputFile(file))) {
            for (var column : reader.getFooter().getBlocks().getFirst().getColumns()) {
                boolean dictionary = column.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY)
                        || column.getEncodings().contains(org.apache.parquet.column.Encoding.RLE_DICTIONARY);
                assertThat(dictionary).as(column.getPath().toDotString())
                        .isEqualTo(column.getPath().toDotString().equals("status"));
            }
        }
        for (int f = 0; f < 2; f++) {
            List<org.apache.parquet.example.data.Group> rows = FileReadBack.parquet(files.get(f), scratch).rows();
            assertThat(rows).hasSize(20_000);
            for (int r = 0; r < rows.size(); r += 101) {
                long id = f * 20_000L + r;
                assertThat(rows.get(r).getLong(0, 0)).isEqualTo(id);
                assertThat(rows.get(r).getBinary(1, 0).toStringUsingUTF8()).isEqualTo(Long.toHexString(id * 0x9E3779B97F4A7C15L));
                assertThat(rows.get(r).getFieldRepetitionCount(2)).isEqualTo(r % 3 == 0 ? 0 : 1);
                if (r % 3 != 0) {
                    assertThat(rows.get(r).getBinary(2, 0).toStringUsingUTF8()).isEqualTo("state " + r % 4);
                }
            }
        }
    }
}
