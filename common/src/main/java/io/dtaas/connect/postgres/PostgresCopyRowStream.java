package io.dtaas.connect.postgres;

import io.dtaas.connect.RowStream;
import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.JdbcFailures;
import io.dtaas.data.Batch;
import io.dtaas.data.TableSchema;
import io.dtaas.error.SystemError;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk read as {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} and decoded straight into row values by
 * {@link BinaryDecoders}: no JDBC result set, no cursor round trips (the server streams the whole chunk while
 * the batches are decoded and written). Owns its connection and closes it.
 */
final class PostgresCopyRowStream implements RowStream {

    private final Connection connection;
    private final CopyOut copy;
    private final CopyBinaryInput in;
    private final TableSchema schema;
    private final BinaryDecoders.Decoder[] decoders;
    private final JdbcDialect dialect;
    private final String context;
    private boolean exhausted;

    /** @param decoders one per column of {@code schema}, in order */
    PostgresCopyRowStream(JdbcDialect dialect, Connection connection, String select, TableSchema schema,
                          BinaryDecoders.Decoder[] decoders, String context) throws SQLException {
        this.dialect = dialect;
        this.connection = connection;
        this.schema = schema;
        this.decoders = decoders;
        this.context = context;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
        this.in = new CopyBinaryInput(this::block);
        in.readHeader();
    }

    private byte[] block() {
        try {
            return copy.readFromCopy();
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, context);
        }
    }

    @Override
    public Batch next(int maxRows) {
        if (exhausted) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>(Math.min(maxRows, 10_000));
        int width = decoders.length;
        while (rows.size() < maxRows) {
            int fields = in.nextRow();
            if (fields < 0) {
                exhausted = true;
                while (block() != null) {
                    // past the trailer: let the COPY end normally so the connection is clean
                }
                break;
            }
            if (fields != width) {
                throw new SystemError(context + ": PostgreSQL sent " + fields + " fields for " + width + " columns", null);
            }
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
                int len = in.field();
                if (len >= 0) {
                    row[i] = decoders[i].decode(in.buffer(), in.position(), len);
                    in.advance(len);
                }
            }
            rows.add(row);
        }
        return rows.isEmpty() ? null : new Batch(schema, rows);
    }

    @Override
    public void close() {
        PostgresRawReader.release(copy, connection);
    }
}
