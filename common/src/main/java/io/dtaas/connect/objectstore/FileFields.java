package io.dtaas.connect.objectstore;

import io.dtaas.connect.FieldSpec;
import io.dtaas.format.Compression;
import io.dtaas.format.FileFormat;

import java.util.List;

/**
 * Connection fields of every file-writing destination (S3, local files): format, compression and file layout.
 * Each connector lists them in its own {@code FIELDS}.
 */
public final class FileFields {

    public static final List<String> FORMATS = FileFormat.WIRE_NAMES;
    /** {@code default}: snappy for Parquet, none for CSV and JSON lines. */
    public static final List<String> COMPRESSIONS = Compression.WIRE_NAMES;

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

    public static FieldSpec maxRowsPerFile() {
        return FieldSpec.integer("max_rows_per_file", "Max rows per file", 0, 0, Integer.MAX_VALUE,
                "Start a new file after this many rows; 0: one file per chunk");
    }

    public static FieldSpec partitionByLoadDate() {
        return FieldSpec.bool("partition_by_load_date", "Partition by load date", false,
                "Write into a load_date=YYYY-MM-DD/ folder (UTC date the run started) under each table's folder");
    }

    public static FieldSpec partitionBy() {
        return FieldSpec.string("partition_by", "Partition by columns", false,
                "Columns whose values name Hive-style folders, comma-separated, e.g. region,year gives "
                        + "region=EU/year=2026/ (under load_date=... when that is on)");
    }

    public static FieldSpec fileNameTemplate() {
        return FieldSpec.string("file_name_template", "File name template", false,
                "Placeholders {schema} {table} {date} {run} {chunk} {part} {ext} and {{variables}}; needs {chunk}, "
                        + "{part} with max_rows_per_file or partition_by, {run} unless the task overwrites")
                .withDefault(FileNameTemplate.DEFAULT).withTemplates();
    }
}
