package io.dtaas.format.parquet;

import io.dtaas.data.Batch;
import io.dtaas.data.TableSchema;
import io.dtaas.format.Compression;
import io.dtaas.format.CountingOutputStream;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.AbstractRowFileWriter;
import io.dtaas.format.ValueErrors;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;

/**
 * Parquet through parquet-hadoop's writer, without Hadoop at runtime: a plain configuration, our own codecs
 * and a streaming {@link OutputFile}. Memory is one row group ({@link ParquetOptions#rowGroupBytes()}):
 * the writer flushes a row group when its buffered size reaches it, checking at least every
 * {@link ParquetOptions#sizeCheckRows()} rows so wide rows cannot overshoot by much.
 */
public final class ParquetRowFileWriter extends AbstractRowFileWriter {

    private final ParquetWriter<Object[]> writer;
    private final ParquetDictionaries dictionaries;

    public ParquetRowFileWriter(TableSchema schema, CountingOutputStream counter, Compression compression,
                                ParquetOptions options) {
        this(schema, counter, compression, options, new ParquetDictionaries());
    }

    /** @param dictionaries what earlier files of the table taught about its columns' dictionaries (shared) */
    public ParquetRowFileWriter(TableSchema schema, CountingOutputStream counter, Compression compression,
                                ParquetOptions options, ParquetDictionaries dictionaries) {
        super(schema, counter);
        this.dictionaries = dictionaries;
        BatchWriteSupport support = new BatchWriteSupport(schema);
        try {
            Builder builder = new Builder(new StreamOutputFile(counter, schema.table().toString()), support);
            for (String column : dictionaries.plain(schema)) {
                builder.withDictionaryEncoding(column, false);
            }
            this.writer = builder
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new ParquetCodecs())
                    .withCompressionCodec(codec(compression))
                    .withRowGroupSize(options.rowGroupBytes())
                    .withPageSize(options.pageBytes())
                    .withDictionaryPageSize(options.pageBytes())
                    .withMinRowCountForPageSizeCheck(1)
                    .withMaxRowCountForPageSizeCheck(options.sizeCheckRows())
                    .build();
        } catch (IOException e) {
            throw ValueErrors.io(schema, "starting a Parquet file", e);
        }
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
        dictionaries.learn(schema.table(), writer.getFooter());
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

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {

        private final BatchWriteSupport support;

        Builder(OutputFile file, BatchWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return support;
        }

        /** Never called: {@link #withConf} always gets a plain configuration. */
        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }
}
