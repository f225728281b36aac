package io.dtaas.format;

import io.dtaas.data.TableSchema;

import java.io.IOException;
import java.io.OutputStream;

/** Opens the text formats' writers (CSV, JSON lines), with their whole-stream compression. */
public final class TextRowFileWriters {

    private TextRowFileWriters() {
    }

    /** @throws IllegalArgumentException for a format that is not text */
    public static RowFileWriter open(RowFileFormat format, TableSchema schema, CountingOutputStream counter) {
        return switch (format.format()) {
            case CSV -> new CsvRowFileWriter(schema, counter, compressed(format, schema, counter));
            case JSON -> new JsonLinesRowFileWriter(schema, counter, compressed(format, schema, counter));
            case PARQUET -> throw new IllegalArgumentException("Parquet is not a text format");
        };
    }

    private static OutputStream compressed(RowFileFormat format, TableSchema schema, CountingOutputStream counter) {
        try {
            return StreamCompression.wrap(counter, format.compression());
        } catch (IOException e) {
            throw ValueErrors.io(schema, "starting a " + format.compression().wireName() + " stream", e);
        }
    }
}
