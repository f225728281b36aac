package io.dtaas.connect.jdbc;

import io.dtaas.connect.ChunkWriter;
import io.dtaas.data.Batch;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A chunk written inside one transaction on its own connection: nothing is visible until {@link #commit()},
 * and {@link #close()} without commit rolls everything back.
 */
public abstract class TransactionalChunkWriter implements ChunkWriter {

    protected final Connection connection;
    protected final String context;
    protected final JdbcDialect dialect;
    private boolean committed;

    /** @param dialect the destination's dialect, which tells transient failures from permanent ones */
    protected TransactionalChunkWriter(JdbcDialect dialect, Connection connection, String context) {
        this.dialect = dialect;
        this.connection = connection;
        this.context = context;
    }

    protected abstract void writeRows(Batch batch) throws SQLException;

    /** Flushes what {@link #writeRows} buffered, before the commit. */
    protected abstract void finish() throws SQLException;

    @Override
    public void write(Batch batch) {
        try {
            writeRows(batch);
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, context);
        }
    }

    @Override
    public void commit() {
        try {
            finish();
            connection.commit();
            committed = true;
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, context);
        }
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // closing the connection discards the transaction anyway
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
