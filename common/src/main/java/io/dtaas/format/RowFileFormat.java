package io.dtaas.format;

import io.dtaas.error.ConfigError;

import java.util.Objects;

/** A file format with its compression resolved: what a file destination writes and how its files are named. */
public record RowFileFormat(FileFormat format, Compression compression) {

    public RowFileFormat {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
    }

    /**
     * Resolves the connection fields {@code file_format} and {@code compression}; {@code default} (or absent)
     * means {@link FileFormat#defaultCompression()}.
     *
     * @param fieldPath where the fields sit in the request, to name them in errors (e.g. {@code connection_config})
     * @throws ConfigError naming the field with an unknown value
     */
    public static RowFileFormat of(String format, String compression, String fieldPath) {
        FileFormat f = FileFormat.fromWire(format == null ? FileFormat.PARQUET.wireName() : format);
        if (f == null) {
            throw new ConfigError(fieldPath + ".file_format", "must be one of " + FileFormat.WIRE_NAMES);
        }
        if (compression == null || compression.equals("default")) {
            return new RowFileFormat(f, f.defaultCompression());
        }
        Compression c = Compression.fromWire(compression);
        if (c == null) {
            throw new ConfigError(fieldPath + ".compression", "must be one of " + Compression.WIRE_NAMES);
        }
        return new RowFileFormat(f, c);
    }

    /** The file name's ending: {@code .parquet}, {@code .csv}, {@code .jsonl.gz}, {@code .csv.zst}, ... */
    public String fileExtension() {
        return format == FileFormat.PARQUET ? format.extension() : format.extension() + compression.streamSuffix();
    }
}
