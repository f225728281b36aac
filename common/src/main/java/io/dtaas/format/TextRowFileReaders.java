package io.dtaas.format;

import com.github.luben.zstd.ZstdInputStream;
import io.dtaas.data.TableSchema;
import io.dtaas.error.TransientError;
import org.xerial.snappy.SnappyFramedInputStream;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Opens readers of the text formats (CSV, JSON lines), undoing their whole-stream compression. */
public final class TextRowFileReaders {

    private TextRowFileReaders() {
    }

    /**
     * @param in       the file's bytes; the reader owns the stream from here
     * @param describe where the file lives, for errors
     * @throws IllegalArgumentException for a format that is not text
     */
    public static RowFileReader open(RowFileFormat format, TableSchema schema, InputStream in, String describe) {
        InputStream plain;
        try {
            plain = decompressed(new BufferedInputStream(in, 64 * 1024), format.compression());
        } catch (IOException e) {
            Streams.closeQuietly(in);
            throw new TransientError("cannot read " + describe + ": " + e, e);
        }
        return switch (format.format()) {
            case CSV -> new CsvRowFileReader(schema, new BufferedReader(new InputStreamReader(plain,
                    StandardCharsets.UTF_8), 64 * 1024), describe);
            case JSON -> new JsonLinesRowFileReader(schema, plain, describe);
            case PARQUET -> throw new IllegalArgumentException("Parquet is not a text format");
        };
    }

    private static InputStream decompressed(InputStream in, Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case SNAPPY -> new SnappyFramedInputStream(in);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}
