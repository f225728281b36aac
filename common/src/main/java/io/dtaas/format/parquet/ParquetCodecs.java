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
            case SNAPPY -> new SnappyPages();
            case ZSTD -> new Compressor(codec, bytes -> Zstd.compress(bytes, ZSTD_LEVEL));
            case GZIP -> new Compressor(codec, ParquetCodecs::gzip);
            default -> throw new IllegalArgumentException("DTaaS does not write Parquet with " + codec);
        };
    }

    /** For reading DTaaS's own files back (validation): the codecs it writes. */
    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Decompressor((bytes, size) -> bytes);
            case SNAPPY -> new Decompressor((bytes, size) -> Snappy.uncompress(bytes));
            case ZSTD -> new Decompressor((bytes, size) -> Zstd.decompress(bytes, size));
            case GZIP -> new Decompressor(ParquetCodecs::gunzip);
            default -> throw new IllegalArgumentException("DTaaS does not read Parquet with " + codec);
        };
    }

    private static byte[] gunzip(byte[] bytes, int size) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readNBytes(size);
        }
    }

    @FunctionalInterface
    private interface Expansion {
        byte[] decompress(byte[] bytes, int uncompressedSize) throws IOException;
    }

    private record Decompressor(Expansion function) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(function.decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(java.nio.ByteBuffer input, int compressedSize, java.nio.ByteBuffer output,
                               int uncompressedSize) throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(function.decompress(in, uncompressedSize));
        }

        @Override
        public void release() {
            // stateless
        }
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

    /**
     * Snappy without two allocations and copies per page: the page is gathered into a buffer kept by the compressor
     * and compressed into another. The bytes returned stay valid until the next call, which is all parquet-java's
     * page writer needs: it copies a compressed page into the row group's buffer at once (data pages are collected,
     * the dictionary page copied). A compressor serves one file, from one thread. Same bytes as
     * {@link Snappy#compress(byte[])}.
     */
    static final class SnappyPages implements BytesInputCompressor {

        private final Gathered page = new Gathered();
        private byte[] compressed = new byte[0];

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            page.reset();
            bytes.writeAllTo(page);
            int bound = Snappy.maxCompressedLength(page.size());
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            int length = Snappy.rawCompress(page.array(), 0, page.size(), compressed, 0);
            return BytesInput.from(compressed, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {
            compressed = new byte[0];
        }

        /** A byte stream whose array is read in place. */
        private static final class Gathered extends ByteArrayOutputStream {
            byte[] array() {
                return buf;
            }
        }
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
