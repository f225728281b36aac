package io.dtaas.format;

import com.github.luben.zstd.ZstdOutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** Compresses CSV and JSON-lines files as a whole; closing the returned stream writes the trailer. */
final class StreamCompression {

    private static final int GZIP_BUFFER = 64 * 1024;
    /** zstd's own default level: a good speed/size balance for bulk exports. */
    private static final int ZSTD_LEVEL = 3;

    private StreamCompression() {
    }

    static OutputStream wrap(OutputStream out, Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, GZIP_BUFFER);
            case SNAPPY -> new SnappyFramedOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
        };
    }
}
