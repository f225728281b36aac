package io.dtaas.format.parquet;

import io.dtaas.data.Batch;
import io.dtaas.data.TableSchema;
import io.dtaas.format.Compression;
import io.dtaas.format.CountingOutputStream;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.AbstractRowFileWriter;
import io.dtaas.format.ValueErrors;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.util.Set;

/**
 * Parquet through parquet-hadoop's file and column writers, without Hadoop at runtime: our own codecs and a
 * streaming {@link org.apache.parquet.io.OutputFile}, rows written straight into the column writers
 * ({@link RowGroupWriter}). Memory is one row group ({@link ParquetOptions#rowGroupBytes()}):
 * the writer flushes a row group when its buffered size reaches it, checking at least every
 * {@link ParquetOptions#sizeCheckRows()} rows so wide rows cannot overshoot by much.
 */
public final class ParquetRowFileWriter extends AbstractRowFileWriter {

    private final RowGroupWriter writer;

    public ParquetRowFileWriter(TableSchema schema, CountingOutputStream counter, Compression compression,
                                ParquetOptions options) {
        this(schema, counter, compression, options, new ParquetDictionaries());
    }

    /** @param dictionaries what the table's row groups written so far taught about its columns' dictionaries (shared) */
    public ParquetRowFileWriter(TableSchema schema, CountingOutputStream counter, Compression compression,
                                ParquetOptions options, ParquetDictionaries dictionaries) {
        this(schema, counter, compression, options, dictionaries.of(schema));
    }

    /** @param rowGroupDictionaries which columns each row group writes without a dictionary, and what it learns */
    ParquetRowFileWriter(TableSchema schema, CountingOutputStream counter, Compression compression,
                         ParquetOptions options, RowGroupWriter.Dictionaries rowGroupDictionaries) {
        super(schema, counter);
        try {
            this.writer = new RowGroupWriter(new StreamOutputFile(counter, schema.table().toString()),
                    new RowColumns(schema), plain -> properties(options, plain), rowGroupDictionaries,
                    new ParquetCodecs().getCompressor(codec(compression)), options.rowGroupBytes());
        } catch (IOException e) {
            throw ValueErrors.io(schema, "starting a Parquet file", e);
        }
    }

    /** parquet-java's settings for a row group whose {@code plain} columns go without a dictionary. */
    static ParquetProperties properties(ParquetOptions options, Set<String> plain) {
        ParquetProperties.Builder properties = ParquetProperties.builder()
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withMinRowCountForPageSizeCheck(1)
                .withMaxRowCountForPageSizeCheck(options.sizeCheckRows());
        for (String column : plain) {
            properties.withDictionaryEncoding(column, false);
        }
        return properties.build();
    }

    static CompressionCodecName codec(Compression compression) {
        return switch (compression) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case GZIP -> CompressionCodecName.GZIP;
            case ZSTD -> CompressionCodecName.ZSTD;
        };
    }

    @Override
    public void write(Batch batch) {
        try {
            for (Object[] row : batch.rows()) {
                writer.write(row);
                rowWritten();
            }
        } catch (IOException e) {
            throw ValueErrors.io(schema, "writing Parquet", e);
        }
    }

    @Override
    protected String describe() {
        return "the Parquet file";
    }

    @Override
    protected void complete() throws IOException {
        writer.close();
    }

    /** Without {@link #finish()}: releases the buffers; the stream's owner discards whatever reached it. */
    @Override
    protected void abandon() {
        try {
            writer.close();
        } catch (IOException | RuntimeException ignored) {
            // abandoned anyway
        }
    }
}
