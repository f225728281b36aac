package io.dtaas.format;

/**
 * Sizes of the Parquet writer. A writer holds about one row group in memory, so {@code rowGroupBytes} bounds
 * its memory however many rows a file gets.
 *
 * @param rowGroupBytes  buffered size at which a row group is flushed
 * @param pageBytes      target size of a data page (and of the dictionary page)
 * @param sizeCheckRows  most rows between two checks of the buffered size
 */
public record ParquetOptions(long rowGroupBytes, int pageBytes, int sizeCheckRows) {

    /** 64 MiB row groups: big enough for efficient scans, small enough for several writers per worker. */
    public static final ParquetOptions DEFAULT = new ParquetOptions(16L * 1024 * 1024, 1024 * 1024, 1000);

    public ParquetOptions {
        if (rowGroupBytes < 1024 || pageBytes < 1024 || sizeCheckRows < 1) {
            throw new IllegalArgumentException("row group and page must be at least 1 KiB, the check interval 1 row");
        }
    }
}
