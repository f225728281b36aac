package io.dtaas.format.writers;

import io.dtaas.data.TableSchema;
import io.dtaas.format.RowFileFormat;
import io.dtaas.format.RowFileReader;
import io.dtaas.format.TextRowFileReaders;
import io.dtaas.format.parquet.ParquetRowFileReader;

import java.io.InputStream;
import java.nio.file.Path;

/** Opens the {@link RowFileReader} for a format, beside {@link RowFileWriters} (the package that knows both kinds). */
public final class RowFileReaders {

    private RowFileReaders() {
    }

    /**
     * @param in       the file's bytes; the reader owns the stream
     * @param scratch  a local folder for Parquet's temporary copy
     * @param describe where the file lives, for errors
     */
    public static RowFileReader open(RowFileFormat format, TableSchema schema, InputStream in, Path scratch,
                                     String describe) {
        return switch (format.format()) {
            case PARQUET -> new ParquetRowFileReader(schema, in, scratch, describe);
            case CSV, JSON -> TextRowFileReaders.open(format, schema, in, describe);
        };
    }
}
