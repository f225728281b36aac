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

/** Writes a chunk into MySQL/MariaDB with batched prepared INSERTs (the driver sends them in bulk). */
final class MysqlBatchWriter extends TransactionalChunkWriter {

    private final PreparedStatement insert;
    private final List<Column> columns;
    private final String table;

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
}
