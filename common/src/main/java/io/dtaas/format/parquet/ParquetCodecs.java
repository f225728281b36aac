package io.dtaas.format.parquet;

import com.github.luben.zstd.Zstd;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Page compression without Hadoop: parquet-hadoop's own codec factory goes through Hadoop's codec classes,
 * so the writers pass this one. Each codec produces what the Parquet spec names: raw snappy blocks, gzip
 * members, zstd frames.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    private static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec, bytes -> bytes);
            case SNAPPY -> new Compressor(codec, Snappy::compress);
            case ZSTD -> new Compressor(codec, bytes -> Zstd.compress(bytes, ZSTD_LEVEL));
            case GZIP -> new Compressor(codec, ParquetCodecs::gzip);
            default -> throw new IllegalArgumentException("DTaaS does not write Parquet with " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("DTaaS only writes Parquet");
    }

    @Override
    public void release() {
        // nothing pooled
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Codec {
        byte[] compress(byte[] bytes) throws IOException;
    }

    private record Compressor(CompressionCodecName codec, Codec function) implements BytesInputCompressor {

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            return BytesInput.from(function.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // stateless
        }
    }
}
