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
import io.dtaas.testing.FileReadBack;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ParquetRowFileWriter} writes rows straight into parquet-java's column writers ({@link RowGroupWriter});
 * these tests hold its files byte for byte to what parquet-java's own {@link ParquetWriter} writes for the same
 * rows through its record layer ({@code RecordConsumer}, what DTaaS used before) with the same settings: same
 * pages, encodings, dictionaries, statistics, row groups and footer.
 */
class RowGroupWriterIT {

    @TempDir
    Path scratch;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyEdgeCaseIsTheSameFileAsParquetJavasRecordLayerWrites(Compression compression) throws IOException {
        TableSchema schema = EdgeCaseBatch.schema();
        List<Batch> batches = List.of(EdgeCaseBatch.batch(), EdgeCaseBatch.batch());
        assertSameFile(schema, compression, ParquetOptions.DEFAULT, Set.of(), batches);
    }

    /**
     * Every column kind with NULLs in every column, 40,000 rows in batches of 1,000 and row groups of 96 KiB: row
     * groups and pages end in the middle of batches, dictionaries fall back in some columns and not in others.
     */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void manyRowGroupsWithNullsInEveryColumnAreTheSameFile(Compression compression) throws IOException {
        TableSchema schema = wideSchema();
        List<Batch> batches = randomBatches(schema, 40, 1000, 19L);
        ParquetOptions options = new ParquetOptions(96 * 1024, 8 * 1024, 100);
        int rowGroups = assertSameFile(schema, compression, options, Set.of("id"), batches);
        assertThat(rowGroups).as("row groups").isGreaterThan(10);
        // with columns written plain from the start, as the row groups after a dictionary fell back write them
        assertSameFile(schema, compression, options, Set.of("id", "c_string", "c_float64", "c_timestamp"), batches);
    }

    @Test
    void anEmptyFileIsTheSameFile() throws IOException {
        assertSameFile(wideSchema(), Compression.SNAPPY, ParquetOptions.DEFAULT, Set.of("id"), List.of());
    }

    /** Value by value through parquet-java's reader, across row-group boundaries. */
    @Test
    void valuesReadBackAcrossRowGroups() {
        TableSchema schema = wideSchema();
        List<Batch> batches = randomBatches(schema, 10, 1000, 7L);
        byte[] file = ours(schema, Compression.SNAPPY, new ParquetOptions(64 * 1024, 4 * 1024, 50),
                new ParquetDictionaries().of(schema), batches);
        FileReadBack.ParquetContent content = FileReadBack.parquet(file, scratch);
        assertThat(content.rowGroups()).isGreaterThan(5);
        List<Object[]> rows = batches.stream().flatMap(b -> b.rows().stream()).toList();
        assertThat(content.rows()).hasSize(rows.size());
        int idColumn = 0;
        int decimalColumn = schema.columns().size() - 2;
        int stringColumn = schema.columns().size() - 1;
        for (int r = 0; r < rows.size(); r++) {
            Group group = content.rows().get(r);
            Object[] row = rows.get(r);
            if (row[idColumn] != null) {
                assertThat(group.getLong(idColumn, 0)).isEqualTo(row[idColumn]);
            }
            for (int c = 0; c < row.length; c++) {
                assertThat(group.getFieldRepetitionCount(c)).as("row %d column %d present", r, c)
                        .isEqualTo(row[c] == null ? 0 : 1);
            }
            if (row[decimalColumn] != null) {
                long unscaled = new BigDecimal(new java.math.BigInteger(group.getBinary(decimalColumn, 0).getBytes()), 2)
                        .unscaledValue().longValueExact();
                assertThat(unscaled).isEqualTo(((BigDecimal) row[decimalColumn]).unscaledValue().longValueExact());
            }
            if (row[stringColumn] != null) {
                assertThat(group.getBinary(stringColumn, 0).toStringUsingUTF8()).isEqualTo(row[stringColumn]);
            }
        }
    }

    /** Returns the number of row groups. */
    /**
     * Ours with the same columns plain in every row group (its per-row-group learning held still: parquet-java's
     * writer cannot change a column's dictionary between row groups). Returns the number of row groups.
     */
    private int assertSameFile(TableSchema schema, Compression compression, ParquetOptions options,
                               Set<String> plain, List<Batch> batches) throws IOException {
        byte[] ours = ours(schema, compression, options, RowGroupWriter.Dictionaries.fixed(plain), batches);
        byte[] reference = recordLayer(schema, compression, options, plain, batches);
        assertThat(ours.length).as("file size").isEqualTo(reference.length);
        assertThat(Arrays.equals(ours, reference)).as("the same bytes as parquet-java's record layer writes").isTrue();
        return FileReadBack.parquet(ours, scratch).rowGroups();
    }

    private static byte[] ours(TableSchema schema, Compression compression, ParquetOptions options,
                               RowGroupWriter.Dictionaries dictionaries, List<Batch> batches) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = new ParquetRowFileWriter(schema, new CountingOutputStream(out), compression, options,
                dictionaries)) {
            for (Batch batch : batches) {
                writer.write(batch);
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    /** What DTaaS wrote before: parquet-java's {@link ParquetWriter} fed through a {@link RecordConsumer}. */
    private static byte[] recordLayer(TableSchema schema, Compression compression, ParquetOptions options,
                                      Set<String> plain, List<Batch> batches) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordLayerSupport support = new RecordLayerSupport(schema);
        ReferenceBuilder builder = new ReferenceBuilder(new StreamOutputFile(new CountingOutputStream(out), "reference"),
                support);
        for (String column : plain) {
            builder.withDictionaryEncoding(column, false);
        }
        try (ParquetWriter<Object[]> writer = builder
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(ParquetRowFileWriter.codec(compression))
                .withRowGroupSize(options.rowGroupBytes())
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withMinRowCountForPageSizeCheck(1)
                .withMaxRowCountForPageSizeCheck(options.sizeCheckRows())
                .build()) {
            for (Batch batch : batches) {
                for (Object[] row : batch.rows()) {
                    writer.write(row);
                }
            }
        }
        return out.toByteArray();
    }

    /** Every edge-case column plus the bench table's shapes: a unique key, a decimal(12,2), repeating text. */
    private static TableSchema wideSchema() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("id", ColumnType.of(ColumnKind.INT64), true));
        EdgeCaseBatch.CASES.forEach(c -> columns.add(c.column()));
        columns.add(new Column("c_decimal_12_2", ColumnType.decimal(12, 2), true));
        columns.add(new Column("c_status", ColumnType.of(ColumnKind.STRING), true));
        return new TableSchema(new TableRef("public", "wide"), columns, List.of("id"));
    }

    /** Values drawn from the edge cases (the 1 MiB string cut short), NULL in every column now and then. */
    private static List<Batch> randomBatches(TableSchema schema, int batches, int rowsPerBatch, long seed) {
        Random random = new Random(seed);
        List<Batch> out = new ArrayList<>();
        long id = 0;
        for (int b = 0; b < batches; b++) {
            List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < rowsPerBatch; r++) {
                Object[] row = new Object[schema.columns().size()];
                row[0] = random.nextInt(50) == 0 ? null : id;
                for (int c = 0; c < EdgeCaseBatch.CASES.size(); c++) {
                    List<Object> values = EdgeCaseBatch.CASES.get(c).values();
                    Object value = values.get(random.nextInt(values.size()));
                    if (value == EdgeCaseBatch.LARGE) {
                        value = EdgeCaseBatch.LARGE.substring(0, random.nextInt(300)) + id;
                    } else if (value instanceof String s && random.nextBoolean()) {
                        value = s + id; // enough distinct values that some dictionaries fall back
                    }
                    row[c + 1] = value;
                }
                row[row.length - 2] = random.nextInt(10) == 0 ? null
                        : BigDecimal.valueOf(random.nextLong(-99_999_999_999L, 99_999_999_999L), 2);
                row[row.length - 1] = random.nextInt(7) == 0 ? null : "state " + random.nextInt(5);
                rows.add(row);
                id++;
            }
            out.add(new Batch(schema, rows));
        }
        return out;
    }

    private static final class ReferenceBuilder extends ParquetWriter.Builder<Object[], ReferenceBuilder> {

        private final RecordLayerSupport support;

        ReferenceBuilder(OutputFile file, RecordLayerSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected ReferenceBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }

    /** The record-layer write: a field per present value, absent fields left to MessageColumnIO as NULLs. */
    private static final class RecordLayerSupport extends WriteSupport<Object[]> {

        private final MessageType schema;
        private final String[] names;
        private final ParquetColumn.ValueWriter[] writers;
        private RecordConsumer out;
        private ColumnWriter field;

        RecordLayerSupport(TableSchema table) {
            this.schema = new RowColumns(table).schema();
            List<ParquetColumn> columns = table.columns().stream().map(ParquetColumns::of).toList();
            this.names = Stream.of(schema.getFields().toArray(org.apache.parquet.schema.Type[]::new))
                    .map(org.apache.parquet.schema.Type::getName).toArray(String[]::new);
            this.writers = columns.stream().map(ParquetColumn::writer).toArray(ParquetColumn.ValueWriter[]::new);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, java.util.Map.of());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, java.util.Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
            this.field = new ConsumerField(recordConsumer);
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < writers.length; i++) {
                if (row[i] != null) {
                    out.startField(names[i], i);
                    writers[i].write(field, row[i]);
                    out.endField(names[i], i);
                }
            }
            out.endMessage();
        }

        @Override
        public String getName() {
            return RowGroupWriter.MODEL_NAME;
        }
    }

    /** A column writer that hands each value to the record consumer's current field. */
    private record ConsumerField(RecordConsumer out) implements ColumnWriter {
        @Override
        public void write(int value, int repetitionLevel, int definitionLevel) {
            out.addInteger(value);
        }

        @Override
        public void write(long value, int repetitionLevel, int definitionLevel) {
            out.addLong(value);
        }

        @Override
        public void write(boolean value, int repetitionLevel, int definitionLevel) {
            out.addBoolean(value);
        }

        @Override
        public void write(Binary value, int repetitionLevel, int definitionLevel) {
            out.addBinary(value);
        }

        @Override
        public void write(float value, int repetitionLevel, int definitionLevel) {
            out.addFloat(value);
        }

        @Override
        public void write(double value, int repetitionLevel, int definitionLevel) {
            out.addDouble(value);
        }

        @Override
        public void writeNull(int repetitionLevel, int definitionLevel) {
            throw new AssertionError("absent fields are never written");
        }

        @Override
        public void close() {
        }

        @Override
        public long getBufferedSizeInMemory() {
            return 0;
        }
    }
}
