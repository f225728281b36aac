package io.dtaas.format;

import io.dtaas.connect.FieldSpec;

import java.util.List;

/** Connection fields of every file-writing destination (S3, local files): format and compression. */
public final class FileFields {

    public static final List<String> FORMATS = List.of("parquet", "csv", "json");
    /** {@code default}: snappy for Parquet, none for CSV and JSON lines. */
    public static final List<String> COMPRESSIONS = List.of("default", "none", "gzip", "snappy", "zstd");

    private FileFields() {
    }

    public static FieldSpec fileFormat() {
        return FieldSpec.choice("file_format", "File format", "parquet", FORMATS,
                "parquet (columnar, compressed), csv, or json (JSON lines)");
    }

    public static FieldSpec compression() {
        return FieldSpec.choice("compression", "Compression", "default", COMPRESSIONS,
                "default: snappy for Parquet, none for CSV/JSON");
    }
}
