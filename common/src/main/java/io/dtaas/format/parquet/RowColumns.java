package io.dtaas.format.parquet;

import io.dtaas.data.TableSchema;
import io.dtaas.format.ValueErrors;
import io.dtaas.format.parquet.ParquetColumn.UnwritableValue;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.schema.MessageType;

import java.util.List;

import static io.dtaas.format.parquet.ParquetColumn.ABSENT;
import static io.dtaas.format.parquet.ParquetColumn.NOT_REPEATED;

/**
 * A table's Parquet schema and how each value of a row ({@link io.dtaas.data.Batch}'s aligned {@code Object[]})
 * reaches its column's writer. The schema is flat (top-level OPTIONAL primitives, nothing repeated), so a value
 * goes straight to the column writer with fixed levels: parquet-java's record layer (RecordConsumer,
 * MessageColumnIO's per-record field bookkeeping) would only work those same levels out again, per value.
 */
final class RowColumns {

    private final TableSchema table;
    private final MessageType schema;
    /** Per column, in schema order: read once per value, so a plain array. */
    private final ParquetColumn.ValueWriter[] writers;

    RowColumns(TableSchema table) {
        this.table = table;
        List<ParquetColumn> columns = table.columns().stream().map(ParquetColumns::of).toList();
        this.schema = new MessageType(table.table().name(), columns.stream().map(ParquetColumn::type).toList());
        this.writers = columns.stream().map(ParquetColumn::writer).toArray(ParquetColumn.ValueWriter[]::new);
        for (ColumnDescriptor column : schema.getColumns()) {
            if (column.getMaxRepetitionLevel() != NOT_REPEATED || column.getMaxDefinitionLevel() != ParquetColumn.PRESENT) {
                throw new IllegalStateException("not a flat optional column: " + column); // the levels above assume it
            }
        }
    }

    MessageType schema() {
        return schema;
    }

    /**
     * Writes one row, column {@code i} into {@code out[i]} (the writers of {@link #schema()}'s columns, in order);
     * a NULL is an absent value.
     */
    void write(Object[] row, ColumnWriter[] out) {
        for (int i = 0; i < writers.length; i++) {
            Object value = row[i];
            if (value == null) {
                out[i].writeNull(NOT_REPEATED, ABSENT);
                continue;
            }
            try {
                writers[i].write(out[i], value);
            } catch (ClassCastException e) {
                throw ValueErrors.typeMismatch(table, i, value, e);
            } catch (UnwritableValue e) {
                throw ValueErrors.unwritable(table, i, e.getMessage(), e.getCause());
            }
        }
    }
}
