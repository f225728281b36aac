package io.dtaas.format;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;
import io.dtaas.error.SystemError;
import io.dtaas.error.TransientError;

import java.io.IOException;

/** Errors of the file writers, each naming the table (and the column where one is at fault). */
public final class ValueErrors {

    private ValueErrors() {
    }

    /**
     * A row value that is not the Java type its column's kind documents: a reader's bug, not the user's data,
     * so a {@link SystemError}; the message still names table and column to find the reader at fault.
     */
    public static SystemError typeMismatch(TableSchema schema, int column, Object value, RuntimeException cause) {
        Column c = schema.columns().get(column);
        return new SystemError("table " + schema.table() + ", column " + c.name() + ": a " + c.type().kind().wireName()
                + " value must not be a " + value.getClass().getName(), cause);
    }

    /** A value the file format cannot hold as declared (e.g. a decimal with more digits than its precision). */
    public static DataError unwritable(TableSchema schema, int column, String problem, Throwable cause) {
        return new DataError("table " + schema.table() + ", column " + schema.columns().get(column).name()
                + ": " + problem, cause);
    }

    /** The stream under a file failed: the chunk is worth retrying. */
    public static TransientError io(TableSchema schema, String what, IOException cause) {
        return new TransientError("table " + schema.table() + ": " + what + " failed: " + cause.getMessage(), cause);
    }
}
