package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.TransactionalChunkWriter;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes a chunk into MySQL/MariaDB with batched prepared INSERTs (the driver sends them in bulk). Bytes are the
 * values' payload as sent (text as UTF-8, binary as is, numbers and times as their text), as PostgreSQL counts
 * its COPY text: a figure comparable between destinations, not the server's storage.
 */
final class MysqlBatchWriter extends TransactionalChunkWriter {

    private final PreparedStatement insert;
    private final List<Column> columns;
    private final String table;
    private long bytes;

    MysqlBatchWriter(JdbcDialect dialect, Connection c, TableSchema source, String insertSql, String context) throws SQLException {
        super(dialect, c, context);
        this.insert = c.prepareStatement(insertSql);
        this.columns = source.columns();
        this.table = source.table().toString();
    }

    @Override
    protected void writeRows(Batch batch) throws SQLException {
        for (Object[] row : batch.rows()) {
            for (int i = 0; i < row.length; i++) {
                bind(i + 1, row[i], columns.get(i));
            }
            insert.addBatch();
        }
        insert.executeBatch();
    }

    private void bind(int index, Object value, Column column) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.NULL);
            return;
        }
        bytes += payload(value);
        switch (column.type().kind()) {
            case FLOAT32, FLOAT64 -> {
                double d = ((Number) value).doubleValue();
                if (!Double.isFinite(d)) {
                    throw new DataError("table " + table + ", column " + column.name() + ": MySQL cannot store " + d, null);
                }
                insert.setObject(index, value);
            }
            case DECIMAL -> insert.setBigDecimal(index, (BigDecimal) value);
            case BINARY -> insert.setBytes(index, (byte[]) value);
            case TIMESTAMP_TZ -> insert.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
            default -> insert.setObject(index, value);
        }
    }

    @Override
    protected void finish() throws SQLException {
        insert.close();
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    static long payload(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4 bytes
        }
        return n;
    }
}
