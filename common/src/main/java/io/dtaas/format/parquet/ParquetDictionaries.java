package io.dtaas.format.parquet;

import io.dtaas.data.TableRef;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which columns of a table are not worth a dictionary, learnt from the files already written: a column whose
 * dictionary outgrew its page and fell back to plain encoding (unique keys, hashes, timestamps, measures) cost
 * the writer a dictionary built and thrown away in every row group. Later files of the same table write such
 * columns plain from the start; low-cardinality columns keep their dictionaries. Shared by the writers of one
 * destination (one job), from many threads; the verdict only ever changes encodings, never values.
 */
public final class ParquetDictionaries {

    private final Map<TableRef, Set<String>> plainColumns = new ConcurrentHashMap<>();

    /** Columns (top-level names) the table's later files write without a dictionary. */
    Set<String> plain(TableRef table) {
        return plainColumns.getOrDefault(table, Set.of());
    }

    /**
     * Columns written without a dictionary from the first file on: what earlier files taught, and a one-column
     * primary key, whose values are all distinct (a dictionary of them is the column again, plus indexes).
     */
    Set<String> plain(io.dtaas.data.TableSchema schema) {
        Set<String> learnt = plain(schema.table());
        if (schema.primaryKey().size() != 1) {
            return learnt;
        }
        Set<String> plain = new java.util.HashSet<>(learnt);
        plain.add(schema.primaryKey().getFirst());
        return plain;
    }

    /**
     * Learns from a finished file: a column chunk with values but without a dictionary, or with plain pages after
     * one, fell back (booleans, which never get one, are marked too, which changes nothing).
     */
    void learn(TableRef table, ParquetMetadata footer) {
        if (footer == null) {
            return;
        }
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData column : block.getColumns()) {
                Set<Encoding> encodings = column.getEncodings();
                boolean dictionary = encodings.contains(Encoding.PLAIN_DICTIONARY) || encodings.contains(Encoding.RLE_DICTIONARY);
                boolean hasValues = column.getStatistics() == null || column.getStatistics().isEmpty()
                        ? column.getValueCount() > 0 : column.getValueCount() > column.getStatistics().getNumNulls();
                // no dictionary at all (it overflowed before the first page and was re-encoded) or plain pages after it
                if (hasValues && (!dictionary || encodings.contains(Encoding.PLAIN))) {
                    plainColumns.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).add(column.getPath().toDotString());
                }
            }
        }
    }
}
