package io.dtaas.connect.objectstore;

import io.dtaas.connect.ConfigValues;
import io.dtaas.format.RowFileFormat;

import java.util.List;

/**
 * How a file destination lays out its files, from the connection fields every file destination declares
 * ({@link FileFields}).
 *
 * @param prefix              prepended to every key; empty or ending with {@code /}
 * @param maxRowsPerFile      a chunk starts a new file after this many rows; 0: one file per chunk
 * @param partitionByLoadDate files go into {@code load_date=YYYY-MM-DD/} under the table's folder
 * @param partitionBy         columns whose values name Hive-style folders ({@link PartitionFolders}), in order
 * @param fileNames           how a full load's files are named
 * @param fieldPath           where the settings are, for errors found while writing ({@code connection_config})
 */
public record FileLayout(String prefix, RowFileFormat format, int maxRowsPerFile, boolean partitionByLoadDate,
                         List<String> partitionBy, FileNameTemplate fileNames, String fieldPath) {

    public FileLayout {
        prefix = folder(prefix);
        partitionBy = List.copyOf(partitionBy);
        if (maxRowsPerFile < 0) {
            throw new IllegalArgumentException("max_rows_per_file must not be negative");
        }
    }

    /**
     * Reads {@code file_format}, {@code compression}, {@code max_rows_per_file}, {@code partition_by_load_date},
     * {@code partition_by} and {@code file_name_template} from settings that passed validation.
     *
     * @throws io.dtaas.error.ConfigError naming the field under {@code fieldPath}
     */
    public static FileLayout from(ConfigValues config, String prefix, String fieldPath) {
        int maxRows = config.has("max_rows_per_file") ? config.integer("max_rows_per_file") : 0;
        List<String> partitionBy = partitionColumns(config.string("partition_by", ""),
                fieldPath + ".partition_by");
        FileNameTemplate names = FileNameTemplate.parse(config.string("file_name_template", ""),
                maxRows > 0 || !partitionBy.isEmpty(), fieldPath + ".file_name_template");
        return new FileLayout(prefix,
                RowFileFormat.of(config.string("file_format"), config.string("compression"), fieldPath),
                maxRows, config.bool("partition_by_load_date"), partitionBy, names, fieldPath);
    }

    /**
     * The columns of a {@code partition_by} setting: names separated by commas; blank means none.
     *
     * @throws io.dtaas.error.ConfigError naming {@code field}
     */
    public static List<String> partitionColumns(String raw, String field) {
        return PartitionFolders.parse(raw, field);
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
