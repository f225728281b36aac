package io.dtaas.data;

import java.util.List;

/**
 * Up to {@code batch_size} rows of one table, row-major: each row is an array aligned with
 * {@link TableSchema#columns()}, holding the Java value {@link ColumnKind} documents for its column.
 * Batches are handed from reader to writer through bounded queues, so memory is bounded by
 * queue capacity × batch size, never by table size.
 */
public record Batch(TableSchema schema, List<Object[]> rows) {

    public int size() {
        return rows.size();
    }
}
