package io.dtaas.format;

/** The file formats the file destinations (S3, local files) write. */
public enum FileFormat {
    PARQUET("parquet", ".parquet", Compression.SNAPPY),
    CSV("csv", ".csv", Compression.NONE),
    /** JSON lines: one object per row. */
    JSON("json", ".jsonl", Compression.NONE);

    /** The names a request may give ({@code file_format}). */
    public static final java.util.List<String> WIRE_NAMES = java.util.Arrays.stream(values())
            .map(FileFormat::wireName).toList();

    private final String wireName;
    private final String extension;
    private final Compression defaultCompression;

    FileFormat(String wireName, String extension, Compression defaultCompression) {
        this.wireName = wireName;
        this.extension = extension;
        this.defaultCompression = defaultCompression;
    }

    public String wireName() {
        return wireName;
    }

    /** The file name's extension, with its dot, before any compression suffix. */
    public String extension() {
        return extension;
    }

    /** What the {@code default} compression setting means for this format. */
    public Compression defaultCompression() {
        return defaultCompression;
    }

    /** @return the format, or null when {@code name} is not one */
    public static FileFormat fromWire(String name) {
        for (FileFormat f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
