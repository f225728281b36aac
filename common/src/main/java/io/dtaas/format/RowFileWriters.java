package io.dtaas.format;

import io.dtaas.data.TableSchema;
import io.dtaas.format.parquet.ParquetRowFileWriter;

import java.io.IOException;
import java.io.OutputStream;

/** Opens the {@link RowFileWriter} for a format and compression. */
public final class RowFileWriters {

    private final RowFileFormat format;
    private final ParquetOptions parquet;

    public RowFileWriters(RowFileFormat format, ParquetOptions parquet) {
        this.format = format;
        this.parquet = parquet;
    }

    public RowFileFormat format() {
        return format;
    }

    /**
     * Starts a file of rows shaped like {@code schema} on {@code out}. The writer owns the stream from here:
     * {@link RowFileWriter#finish()} and {@link RowFileWriter#close()} close it.
     *
     * @throws io.dtaas.error.TransientError when the stream fails at once (e.g. writing the CSV header)
     */
    public RowFileWriter open(TableSchema schema, OutputStream out) {
        CountingOutputStream counter = new CountingOutputStream(out);
        return switch (format.format()) {
            case PARQUET -> new ParquetRowFileWriter(schema, counter, format.compression(), parquet);
            case CSV -> new CsvRowFileWriter(schema, counter, compressed(schema, counter));
            case JSON -> new JsonLinesRowFileWriter(schema, counter, compressed(schema, counter));
        };
    }

    private OutputStream compressed(TableSchema schema, CountingOutputStream counter) {
        try {
            return StreamCompression.wrap(counter, format.compression());
        } catch (IOException e) {
            throw ValueErrors.io(schema, "starting a " + format.compression().wireName() + " stream", e);
        }
    }
}
