package io.dtaas.format.writers;

import io.dtaas.data.TableSchema;
import io.dtaas.format.CountingOutputStream;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.RowFileFormat;
import io.dtaas.format.RowFileWriter;
import io.dtaas.format.TextRowFileWriters;
import io.dtaas.format.parquet.ParquetDictionaries;
import io.dtaas.format.parquet.ParquetRowFileWriter;

import java.io.OutputStream;

/**
 * Opens the {@link RowFileWriter} for a format and compression: Parquet from {@code format.parquet}, the text
 * formats from {@code format} (a package of its own, so neither format package needs the other).
 */
public final class RowFileWriters {

    private final RowFileFormat format;
    private final ParquetOptions parquet;
    /** Shared by every Parquet file these writers start: later files of a table skip dictionaries that failed. */
    private final ParquetDictionaries dictionaries = new ParquetDictionaries();

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
            case PARQUET -> new ParquetRowFileWriter(schema, counter, format.compression(), parquet, dictionaries);
            case CSV, JSON -> TextRowFileWriters.open(format, schema, counter);
        };
    }
}
