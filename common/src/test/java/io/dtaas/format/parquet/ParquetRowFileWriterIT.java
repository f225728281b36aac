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

    /**
     * Within one file: a column whose dictionary fell back is known after the first row group (the table's other
     * files, in flight or later, skip its dictionary), a low-cardinality one keeps its dictionary in every row
     * group, and every value reads back across the row groups.
     */
    @Test
    void aDictionaryThatFellBackIsSkippedFromTheFilesNextRowGroup() throws Exception {
        TableSchema schema = new TableSchema(new TableRef("public", "groups"), List.of(
                new Column("id", ColumnType.of(ColumnKind.INT64), false),
                new Column("hash", ColumnType.of(ColumnKind.STRING), true),
                new Column("status", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 60_000; r++) {
            rows.add(new Object[] {(long) r, Long.toHexString(r * 0x9E3779B97F4A7C15L), r % 3 == 0 ? null : "state " + r % 4});
        }
        ParquetDictionaries dictionaries = new ParquetDictionaries();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = new ParquetRowFileWriter(schema, new CountingOutputStream(out), Compression.SNAPPY,
                new ParquetOptions(512 * 1024, 8 * 1024, 100), dictionaries)) {
            writer.write(new Batch(schema, rows));
            writer.finish();
        }
        assertThat(dictionaries.plain(schema.table())).containsExactlyInAnyOrder("id", "hash");
        Path file = scratch.resolve("groups.parquet");
        java.nio.file.Files.write(file, out.toByteArray());
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(new org.apache.parquet.io.LocalInputFile(file))) {
            var blocks = reader.getFooter().getBlocks();
            assertThat(blocks).as("row groups").hasSizeGreaterThan(2);
            for (int b = 0; b < blocks.size(); b++) {
                for (var column : blocks.get(b).getColumns()) {
                    String name = column.getPath().toDotString();
                    var encodings = column.getEncodings();
                    boolean dictionary = encodings.contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY)
                            || encodings.contains(org.apache.parquet.column.Encoding.RLE_DICTIONARY);
                    boolean plainValues = encodings.contains(org.apache.parquet.column.Encoding.PLAIN);
                    switch (name) {
                        case "status" -> assertThat(dictionary && !plainValues).as("status, row group " + b).isTrue();
                        case "id" -> assertThat(dictionary).as("id, row group " + b).isFalse();
                        case "hash" -> {
                            assertThat(plainValues).as("hash fell back or is plain, row group " + b).isTrue();
                            if (b > 0) {
                                assertThat(dictionary).as("hash, row group " + b + ": no dictionary tried").isFalse();
                            }
                        }
                        default -> throw new AssertionError(name);
                    }
                }
            }
        }
        List<org.apache.parquet.example.data.Group> read = FileReadBack.parquet(out.toByteArray(), scratch).rows();
        assertThat(read).hasSize(rows.size());
        for (int r = 0; r < read.size(); r++) {
            assertThat(read.get(r).getLong(0, 0)).isEqualTo(r);
            assertThat(read.get(r).getBinary(1, 0).toStringUsingUTF8()).isEqualTo(rows.get(r)[1]);
            assertThat(read.get(r).getFieldRepetitionCount(2)).isEqualTo(r % 3 == 0 ? 0 : 1);
            if (r % 3 != 0) {
                assertThat(read.get(r).getBinary(2, 0).toStringUsingUTF8()).isEqualTo(rows.get(r)[2]);
            }
        }
    }

    /**
     * Each row group asks for the plain columns when it starts and reports what it wrote PLAIN when it ends: a
     * verdict reached after the first row group (here "status" made plain by hand) applies from the next row group
     * of the same file, while the first keeps its dictionary. (A unique column's dictionary usually falls back
     * before its first page, which leaves the same bytes as writing it plain: there the saving is CPU only.)
     */
    @Test
    void eachRowGroupTakesTheVerdictsReachedBeforeItStarts() throws Exception {
        TableSchema schema = new TableSchema(new TableRef("public", "verdicts"), List.of(
                new Column("id", ColumnType.of(ColumnKind.INT64), false),
                new Column("hash", ColumnType.of(ColumnKind.STRING), true),
                new Column("status", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));
        List<java.util.Set<String>> reported = new ArrayList<>();
        java.util.Set<String> plain = new java.util.HashSet<>(java.util.Set.of("id"));
        RowGroupWriter.Dictionaries verdicts = new RowGroupWriter.Dictionaries() {
            @Override
            public java.util.Set<String> plain() {
                return plain;
            }

            @Override
            public void wrotePlain(java.util.Set<String> columns) {
                reported.add(java.util.Set.copyOf(columns));
                plain.addAll(columns);
                plain.add("status");
            }
        };
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 60_000; r++) {
            rows.add(new Object[] {(long) r, Long.toHexString(r * 0x9E3779B97F4A7C15L), "state " + r % 4});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = new ParquetRowFileWriter(schema, new CountingOutputStream(out), Compression.SNAPPY,
                new ParquetOptions(512 * 1024, 8 * 1024, 100), verdicts)) {
            writer.write(new Batch(schema, rows));
            writer.finish();
        }
        Path file = scratch.resolve("verdicts.parquet");
        java.nio.file.Files.write(file, out.toByteArray());
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(new org.apache.parquet.io.LocalInputFile(file))) {
            var blocks = reader.getFooter().getBlocks();
            assertThat(blocks).as("row groups").hasSizeGreaterThan(2);
            assertThat(reported).as("one report per row group").hasSize(blocks.size());
            assertThat(reported.getFirst()).containsExactlyInAnyOrder("id", "hash");
            assertThat(reported.get(1)).containsExactlyInAnyOrder("id", "hash", "status");
            for (int b = 0; b < blocks.size(); b++) {
                var status = blocks.get(b).getColumns().get(2);
                boolean dictionary = status.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY)
                        || status.getEncodings().contains(org.apache.parquet.column.Encoding.RLE_DICTIONARY);
                assertThat(dictionary).as("status has a dictionary in row group " + b).isEqualTo(b == 0);
            }
        }
        List<org.apache.parquet.example.data.Group> read = FileReadBack.parquet(out.toByteArray(), scratch).rows();
        assertThat(read).hasSize(rows.size());
        for (int r = 0; r < read.size(); r += 7) {
            assertThat(read.get(r).getBinary(2, 0).toStringUsingUTF8()).isEqualTo(rows.get(r)[2]);
        }
    }
}
