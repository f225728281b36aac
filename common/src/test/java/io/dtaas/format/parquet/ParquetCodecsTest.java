package io.dtaas.format.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ParquetCodecsTest {

    /** Pages of every size, one compressor reused: each result the bytes snappy-java's own compress() gives. */
    @Test
    void snappyPagesAreSnappysOwnBytesPageAfterPage() throws Exception {
        BytesInputCompressor compressor = new ParquetCodecs().getCompressor(CompressionCodecName.SNAPPY);
        Random random = new Random(42);
        int[] sizes = {0, 1, 17, 4096, 1 << 20, 300, 3 << 20, 5};
        for (int size : sizes) {
            byte[] page = new byte[size];
            for (int i = 0; i < size; i++) {
                page[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : 'a' + i % 7); // compressible, not trivially
            }
            // parquet-java hands a page as a concatenation of levels and values
            int cut = size / 3;
            BytesInput pieces = BytesInput.concat(BytesInput.from(page, 0, cut), BytesInput.from(page, cut, size - cut));
            byte[] ours = compressor.compress(pieces).toByteArray();
            assertThat(ours).as("page of %d bytes", size).isEqualTo(Snappy.compress(page));
            assertThat(Snappy.uncompress(ours)).isEqualTo(page);
        }
        byte[] text = "the same page twice ".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThat(compressor.compress(BytesInput.from(text)).toByteArray())
                .isEqualTo(compressor.compress(BytesInput.from(text)).toByteArray());
        assertThat(compressor.getCodecName()).isEqualTo(CompressionCodecName.SNAPPY);
    }
}
