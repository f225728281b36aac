package io.dtaas.format;

import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowFileFormatTest {

    @Test
    void defaultCompressionIsSnappyForParquetAndNoneForText() {
        assertThat(RowFileFormat.of("parquet", "default", "c")).isEqualTo(
                new RowFileFormat(FileFormat.PARQUET, Compression.SNAPPY));
        assertThat(RowFileFormat.of("csv", null, "c")).isEqualTo(new RowFileFormat(FileFormat.CSV, Compression.NONE));
        assertThat(RowFileFormat.of("json", "default", "c")).isEqualTo(
                new RowFileFormat(FileFormat.JSON, Compression.NONE));
    }

    @Test
    void extensionsNameTheFormatAndTheStreamCompression() {
        assertThat(RowFileFormat.of("parquet", "zstd", "c").fileExtension()).isEqualTo(".parquet");
        assertThat(RowFileFormat.of("csv", "none", "c").fileExtension()).isEqualTo(".csv");
        assertThat(RowFileFormat.of("csv", "gzip", "c").fileExtension()).isEqualTo(".csv.gz");
        assertThat(RowFileFormat.of("json", "zstd", "c").fileExtension()).isEqualTo(".jsonl.zst");
        assertThat(RowFileFormat.of("json", "snappy", "c").fileExtension()).isEqualTo(".jsonl.snappy");
    }

    @Test
    void unknownValuesNameTheirField() {
        assertThatThrownBy(() -> RowFileFormat.of("avro", "none", "connection_config")).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("connection_config.file_format: must be one of");
        assertThatThrownBy(() -> RowFileFormat.of("csv", "lz4", "connection_config"))
                .hasMessageStartingWith("connection_config.compression: must be one of");
    }
}
