package io.dtaas.connect.jdbc;

import io.dtaas.connect.RowStream;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A chunk's rows from an open cursor; owns its connection and closes it. */
final class JdbcRowStream implements RowStream {

    @FunctionalInterface
    interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    @FunctionalInterface
    interface SessionSetup {
        void prepare(Connection c) throws SQLException;
    }

    /** The statement to run, decided on the opened connection before the session is set up for reading. */
    @FunctionalInterface
    interface StatementText {
        String on(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface ValueReader {
        Object read(ResultSet rs, int index, Column column) throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final TableSchema schema;
    private final ValueReader reader;
    private final String context;
    private boolean exhausted;

    private JdbcRowStream(Connection connection, PreparedStatement statement, ResultSet rows, TableSchema schema,
                          ValueReader reader, String context) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.schema = schema;
        this.reader = reader;
        this.context = context;
    }

    static JdbcRowStream open(ConnectionOpener opener, SessionSetup setup, String sql, List<Long> params, int fetchSize,
                              TableSchema schema, ValueReader reader, String context) {
        return open(opener, setup, sql, params, fetchSize, 0, schema, reader, context);
    }

    /** @param timeoutSeconds how long the database may run the statement (0: no limit, as a full load reads) */
    static JdbcRowStream open(ConnectionOpener opener, SessionSetup setup, String sql, List<Long> params, int fetchSize,
                              int timeoutSeconds, TableSchema schema, ValueReader reader, String context) {
        return open(opener, c -> sql, setup, params, fetchSize, timeoutSeconds, schema, reader, context);
    }

    static JdbcRowStream open(ConnectionOpener opener, StatementText text, SessionSetup setup, List<Long> params,
                              int fetchSize, int timeoutSeconds, TableSchema schema, ValueReader reader, String context) {
        Connection c = null;
        try {
            c = opener.open();
            String sql = text.on(c);
            setup.prepare(c);
            PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(fetchSize);
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.size(); i++) {
                ps.setLong(i + 1, params.get(i));
            }
            return new JdbcRowStream(c, ps, ps.executeQuery(), schema, reader, context);
        } catch (SQLException e) {
            closeQuietly(c);
            throw JdbcFailures.wrap(e, context);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    @Override
    public Batch next(int maxRows) {
        if (exhausted) {
            return null;
        }
        List<Column> columns = schema.columns();
        List<Object[]> batch = new ArrayList<>(Math.min(maxRows, 10_000));
        try {
            while (batch.size() < maxRows && rows.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = reader.read(rows, i + 1, columns.get(i));
                }
                batch.add(row);
            }
        } catch (SQLException e) {
            throw JdbcFailures.wrap(e, context);
        }
        if (batch.size() < maxRows) {
            exhausted = true;
        }
        return batch.isEmpty() ? null : new Batch(schema, batch);
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
            connection.rollback();
        } catch (SQLException ignored) {
            // closing below releases everything anyway
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
