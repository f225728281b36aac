package io.dtaas.format;

/**
 * Reads rows back from a file DTaaS wrote (for validation). Each row comes in the column order of the schema the
 * reader was opened with, each value the Java value of that column's kind ({@link io.dtaas.data.ColumnKind}); a
 * column the file lacks is null. A value the file holds in a form that does not parse as the column's kind is kept
 * as its text, so a damaged file shows as a differing value rather than a failure.
 */
public interface RowFileReader extends AutoCloseable {

    /** The next row, or null after the last. */
    Object[] next();

    @Override
    void close();
}
