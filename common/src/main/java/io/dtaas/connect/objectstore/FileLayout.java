package io.dtaas.connect.objectstore;

import io.dtaas.connect.ConfigValues;
import io.dtaas.format.RowFileFormat;

/**
 * How a file destination lays out its files, from the connection fields every file destination declares
 * ({@link FileFields}).
 *
 * @param prefix              prepended to every key; empty or ending with {@code /}
 * @param maxRowsPerFile      a chunk starts a new file after this many rows; 0: one file per chunk
 * @param partitionByLoadDate files go into {@code load_date=YYYY-MM-DD/} under the table's folder
 */
public record FileLayout(String prefix, RowFileFormat format, int maxRowsPerFile, boolean partitionByLoadDate) {

    public FileLayout {
        prefix = folder(prefix);
        if (maxRowsPerFile < 0) {
            throw new IllegalArgumentException("max_rows_per_file must not be negative");
        }
    }

    /**
     * Reads {@code file_format}, {@code compression}, {@code max_rows_per_file} and
     * {@code partition_by_load_date} from settings that passed validation.
     */
    public static FileLayout from(ConfigValues config, String prefix, String fieldPath) {
        return new FileLayout(prefix,
                RowFileFormat.of(config.string("file_format"), config.string("compression"), fieldPath),
                config.has("max_rows_per_file") ? config.integer("max_rows_per_file") : 0,
                config.bool("partition_by_load_date"));
    }

    /** A user's prefix as a folder: {@code exports} and {@code /exports/} both mean {@code exports/}. */
    static String folder(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
