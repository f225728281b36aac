package io.dtaas.format.parquet;

import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which columns of a table are not worth a dictionary, learnt from the row groups already written: a column whose
 * dictionary outgrew its page or did not pay off and fell back to plain encoding (unique keys, hashes, timestamps,
 * measures) costs the writer a dictionary built and thrown away in every row group. As soon as one row group of
 * the table wrote such a column plain, the next row groups — of the same file and of the table's other files,
 * those in flight included — write it plain from the start; low-cardinality columns keep their dictionaries.
 * Shared by the writers of one destination (one job), from many threads; the verdict only ever changes
 * encodings, never values.
 */
public final class ParquetDictionaries {

    private final Map<TableRef, Set<String>> plainColumns = new ConcurrentHashMap<>();

    /** Columns (top-level names) the table's next row groups write without a dictionary. */
    Set<String> plain(TableRef table) {
        return plainColumns.getOrDefault(table, Set.of());
    }

    /**
     * Columns written without a dictionary from the first row group on: what earlier row groups taught, and a
     * one-column primary key, whose values are all distinct (a dictionary of them is the column again, plus
     * indexes).
     */
    Set<String> plain(TableSchema schema) {
        Set<String> plain = new HashSet<>(plain(schema.table()));
        if (schema.primaryKey().size() == 1) {
            plain.add(schema.primaryKey().getFirst());
        }
        return plain;
    }

    /**
     * Learns from a finished row group the columns it wrote PLAIN with values in them: their dictionary fell back,
     * or they had none (booleans, which never get one, are marked too, which changes nothing).
     */
    void wrotePlain(TableRef table, Set<String> columns) {
        if (!columns.isEmpty()) {
            plainColumns.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).addAll(columns);
        }
    }

    /** The table's view for its row-group writers. */
    RowGroupWriter.Dictionaries of(TableSchema schema) {
        return new RowGroupWriter.Dictionaries() {
            @Override
            public Set<String> plain() {
                return ParquetDictionaries.this.plain(schema);
            }

            @Override
            public void wrotePlain(Set<String> columns) {
                ParquetDictionaries.this.wrotePlain(schema.table(), columns);
            }
        };
    }
}
