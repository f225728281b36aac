package io.dtaas.connect.postgres;

import io.dtaas.connect.RawChunkReader;
import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.JdbcFailures;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;

/** A chunk as binary COPY data: {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} on its own connection. */
final class PostgresRawReader implements RawChunkReader {

    private final Connection connection;
    private final CopyOut copy;
    private final String context;
    private final JdbcDialect dialect;

    PostgresRawReader(JdbcDialect dialect, Connection connection, String select, String context) throws SQLException {
        this.dialect = dialect;
        this.connection = connection;
        this.context = context;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
    }

    @Override
    public byte[] next() {
        try {
            return copy.readFromCopy();
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, context);
        }
    }

    @Override
    public void close() {
        release(copy, connection);
    }

    /** Cancels a COPY still running, then rolls back and closes its connection; never throws. */
    static void release(CopyOut copy, Connection connection) {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection is closed next
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // closing releases it anyway
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
