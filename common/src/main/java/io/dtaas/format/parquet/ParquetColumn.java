package io.dtaas.format.parquet;

import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.schema.Type;

/**
 * How one column is stored in Parquet: its field (always OPTIONAL, top level) and how a non-null row value is
 * written into the column's writer.
 *
 * @param writer adds one non-null value; throws {@link ClassCastException} for a value of the wrong Java type
 *               and {@link io.dtaas.error.DataError} (through {@link UnwritableValue}) for one the type cannot hold
 */
record ParquetColumn(Type type, ValueWriter writer) {

    /**
     * Repetition level of every value: no column repeats (no lists, no nesting), so it is always 0.
     */
    static final int NOT_REPEATED = 0;
    /**
     * Definition level of a present value of an OPTIONAL top-level field; a NULL is {@link #ABSENT}.
     */
    static final int PRESENT = 1;
    static final int ABSENT = 0;

    /** Writes one non-null value at ({@link #NOT_REPEATED}, {@link #PRESENT}) levels. */
    @FunctionalInterface
    interface ValueWriter {
        void write(ColumnWriter out, Object value);
    }

    /** A value the column's Parquet type cannot hold; the writer adds table and column names. */
    static final class UnwritableValue extends RuntimeException {
        UnwritableValue(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
