package io.dtaas.format.parquet;

import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.Type;

/**
 * How one column is stored in Parquet: its field (always OPTIONAL) and how a non-null row value is added.
 *
 * @param writer adds one non-null value; throws {@link ClassCastException} for a value of the wrong Java type
 *               and {@link io.dtaas.error.DataError} (through {@link UnwritableValue}) for one the type cannot hold
 */
record ParquetColumn(Type type, ValueWriter writer) {

    @FunctionalInterface
    interface ValueWriter {
        void write(RecordConsumer out, Object value);
    }

    /** A value the column's Parquet type cannot hold; the writer adds table and column names. */
    static final class UnwritableValue extends RuntimeException {
        UnwritableValue(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
