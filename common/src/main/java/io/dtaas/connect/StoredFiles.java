package io.dtaas.connect;

import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.util.List;

/**
 * A destination that keeps tables as files (S3, local files), read back for validation: which files hold a table
 * and their rows. Obtained from {@link Destination#storedFiles()}; used by one thread at a time.
 */
public interface StoredFiles {

    /**
     * What a table's folder holds.
     *
     * @param run         the latest run listed in the folder's manifest (null when none wrote there)
     * @param files       the data files that run published, in no particular order
     * @param changeFiles change files of change data capture listed in the folder
     */
    record TableFiles(String run, List<String> files, List<String> changeFiles) {

        public TableFiles {
            files = List.copyOf(files);
            changeFiles = List.copyOf(changeFiles);
        }
    }

    TableFiles files(TableRef target);

    /**
     * The rows of one file as {@code source} describes the table: each value the Java value of the source column's
     * kind ({@link io.dtaas.data.ColumnKind}), columns in the source's order, null where the file has no such column.
     */
    RowStream read(String file, TableSchema source);

    /** Where a file lives, for messages: {@code s3://bucket/key} or an absolute path. */
    String describe(String file);
}
