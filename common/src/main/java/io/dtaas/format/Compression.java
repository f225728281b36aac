package io.dtaas.format;

/**
 * How a file's bytes are compressed. Parquet compresses each page inside the file (the name stays
 * {@code .parquet}); CSV and JSON lines compress the whole stream, and the file name says so.
 */
public enum Compression {
    NONE("none", ""),
    GZIP("gzip", ".gz"),
    /** Stream files use snappy's framing format, not Hadoop's block format. */
    SNAPPY("snappy", ".snappy"),
    ZSTD("zstd", ".zst");

    /** The names a request may give ({@code compression}): {@code default} picks the format's own. */
    public static final java.util.List<String> WIRE_NAMES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("default"), java.util.Arrays.stream(values()).map(Compression::wireName)).toList();

    private final String wireName;
    private final String streamSuffix;

    Compression(String wireName, String streamSuffix) {
        this.wireName = wireName;
        this.streamSuffix = streamSuffix;
    }

    public String wireName() {
        return wireName;
    }

    /** Appended to a compressed CSV or JSON-lines file's name ({@code .gz}, {@code .snappy}, {@code .zst}). */
    public String streamSuffix() {
        return streamSuffix;
    }

    /** @return the compression, or null when {@code name} is not one ({@code default} is resolved per format) */
    public static Compression fromWire(String name) {
        for (Compression c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
