package io.dtaas.connect.postgres;

import io.dtaas.connect.RawChunkReader;
import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.JdbcFailures;
import io.dtaas.connect.jdbc.TransactionalChunkWriter;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Streams a chunk into PostgreSQL with {@code COPY ... FROM STDIN}, the fastest load path, one batch at a time:
 * in binary ({@link CopyBinaryRows}) when every target column has a binary form, else as CSV. For merges the rows
 * go to a temporary table first and are upserted at commit.
 */
final class PostgresCopyWriter extends TransactionalChunkWriter {

    private final String copyTarget;
    private final String columnList;
    private final boolean rawAllowed;
    private CopyIn copy;
    private long rawRows;
    private final List<Column> columns;
    private final String table;
    private final String mergeSql;
    private final CopyTextBuffer text = new CopyTextBuffer();
    /** Null: rows go as CSV. */
    private final CopyBinaryRows binary;
    private final boolean[] jsonb;
    private boolean binaryRowsStarted;
    private long bytes;
    /**
     * Raw COPY data waiting to be sent: the source hands over one row per CopyData message (~100 bytes here), and
     * sending each as its own message costs pgjdbc a locked call and the server a message to parse per row; the
     * COPY stream is the same bytes whatever the message boundaries.
     */
    private byte[] pendingRaw; // made by the first raw block
    private int pendingRawSize;

    /** The size of the CopyData messages raw COPY data is regrouped into. */
    static final int RAW_MESSAGE_BYTES = 1 << 16;

    /**
     * @param rawAllowed  the target's column types equal the source's, so binary COPY data fits as it is
     * @param targetTypes the target's column types ({@code format_type}) by source column, or null: rows go as CSV
     */
    PostgresCopyWriter(JdbcDialect dialect, Connection c, TableSchema source, String copyTarget, String columnList, String mergeSql,
                       boolean rawAllowed, List<String> targetTypes, String context) {
        super(dialect, c, context);
        this.binary = targetTypes == null ? null : new CopyBinaryRows(source.columns(), source.table().toString());
        this.jsonb = new boolean[source.columns().size()];
        for (int i = 0; targetTypes != null && i < jsonb.length; i++) {
            jsonb[i] = "jsonb".equals(targetTypes.get(i));
        }
        this.columns = source.columns();
        this.table = source.table().toString();
        this.mergeSql = mergeSql;
        this.copyTarget = copyTarget;
        this.columnList = columnList;
        this.rawAllowed = rawAllowed;
    }

    /** The COPY starts with the first data, in the format that data comes in. */
    private CopyIn copy(String format) throws SQLException {
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + copyTarget + " (" + columnList + ") FROM STDIN (FORMAT " + format + ")");
        }
        return copy;
    }

    @Override
    public java.util.Optional<String> rawFormat() {
        return rawAllowed && mergeSql == null ? java.util.Optional.of(RawChunkReader.POSTGRES_BINARY)
                : java.util.Optional.empty();
    }

    @Override
    public void writeRaw(byte[] block) {
        try {
            if (pendingRaw == null) {
                pendingRaw = new byte[RAW_MESSAGE_BYTES];
            }
            if (pendingRawSize + block.length > pendingRaw.length) {
                flushRaw();
            }
            if (block.length >= pendingRaw.length) {
                copy("binary").writeToCopy(block, 0, block.length);
            } else {
                System.arraycopy(block, 0, pendingRaw, pendingRawSize, block.length);
                pendingRawSize += block.length;
            }
            bytes += block.length;
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, context);
        }
    }

    private void flushRaw() throws SQLException {
        if (pendingRawSize > 0) {
            copy("binary").writeToCopy(pendingRaw, 0, pendingRawSize);
            pendingRawSize = 0;
        }
    }

    @Override
    public long rawRowsCommitted() {
        return rawRows;
    }

    @Override
    protected void writeRows(Batch batch) throws SQLException {
        if (binary != null) {
            binary.reset();
            if (!binaryRowsStarted) {
                binary.header();
                binaryRowsStarted = true;
            }
            for (Object[] row : batch.rows()) {
                binary.row(row, jsonb);
            }
            copy("binary").writeToCopy(binary.array(), 0, binary.size());
            bytes += binary.size();
            return;
        }
        text.reset();
        for (Object[] row : batch.rows()) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                if (row[i] != null) {
                    append(row[i], columns.get(i));
                }
            }
            text.append('\n');
        }
        copy("csv").writeToCopy(text.array(), 0, text.size());
        bytes += text.size();
    }

    /** Numbers and booleans go bare (they never need quoting); everything else quoted. */
    private void append(Object value, Column column) {
        switch (column.type().kind()) {
            case INT16, INT32, INT64 -> text.appendAscii(value.toString());
            case BOOLEAN -> text.append(((Boolean) value) ? 't' : 'f');
            default -> text.appendQuoted(PostgresLiterals.text(value, column, table));
        }
    }

    @Override
    protected void finish() throws SQLException {
        flushRaw();
        if (binaryRowsStarted) {
            binary.reset();
            binary.trailer();
            copy.writeToCopy(binary.array(), 0, binary.size());
        }
        rawRows = copy("csv").endCopy(); // an empty chunk ends an empty CSV COPY; started COPYs keep their format
        if (mergeSql != null) {
            try (Statement st = connection.createStatement()) {
                st.execute(mergeSql);
            }
        }
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    @Override
    public void close() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // rollback below discards the rows anyway
        }
        super.close();
    }
}
