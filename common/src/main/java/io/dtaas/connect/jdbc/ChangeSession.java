package io.dtaas.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connection change application keeps from batch to batch ({@link ChangeApplier}), with what it set up in its
 * session (PostgreSQL: one staging table per target and column list). A fresh connection and a new temporary table
 * per batch cost about a sixth of the apply thread's time (issue 19.5 profile, docs/benchmarks.md). Each batch
 * still commits its own transaction before the stream commits its offsets, so exactness does not change.
 *
 * <p>A session is lent to one writer at a time ({@link Pool#take}) and handed back only after a commit: a failed
 * transaction closes it, so a retry starts on a new connection with nothing left from the old session; a session
 * idle for a second or more is checked before it is reused.
 */
public final class ChangeSession {

    private final Connection connection;
    private final Map<String, String> staging = new HashMap<>();
    /** When the session was last handed back (System.nanoTime). */
    private long idleSince;

    ChangeSession(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /** The staging table this session made for {@code key} (target and column list), or null. */
    public String staging(String key) {
        return staging.get(key);
    }

    /** Remembers a staging table made in this session; its name is unique within the session. */
    public String stage(String key, java.util.function.IntFunction<String> name) {
        String table = name.apply(staging.size());
        staging.put(key, table);
        return table;
    }

    void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }

    /** At most one idle session per destination: change application runs on the stream's single thread. */
    static final class Pool {

        /** How long a reused connection may take to answer before it counts as broken (a restarted server). */
        private static final int VALID_SECONDS = 5;
        /**
         * A session idle this long is asked whether it still answers before it is reused. Not every batch: the
         * round trip was an eighth of the apply thread's time on a busy machine, and a stream behind or at 1k
         * changes/s hands batches over within milliseconds; a batch that fails on a dead connection is retried
         * on a new one (the stream's retrier).
         */
        private static final long CHECK_AFTER_IDLE_NANOS = 1_000_000_000L;

        private final AtomicReference<ChangeSession> idle = new AtomicReference<>();

        /** The idle session when it still answers, else a new one from {@code open}, in a transaction. */
        ChangeSession take(JdbcDestination destination) throws SQLException {
            ChangeSession s = idle.getAndSet(null);
            if (s != null && System.nanoTime() - s.idleSince >= CHECK_AFTER_IDLE_NANOS
                    && !s.connection.isValid(VALID_SECONDS)) {
                s.close();
                s = null;
            }
            if (s == null) {
                s = new ChangeSession(destination.open());
            }
            try {
                s.connection.setAutoCommit(false);
                return s;
            } catch (SQLException e) {
                s.close();
                throw e;
            }
        }

        /** A session whose transaction committed is kept for the next batch. */
        void give(ChangeSession s) {
            s.idleSince = System.nanoTime();
            ChangeSession previous = idle.getAndSet(s);
            if (previous != null) {
                previous.close();
            }
        }

        void close() {
            ChangeSession s = idle.getAndSet(null);
            if (s != null) {
                s.close();
            }
        }
    }

    /**
     * A merge writer on a lent session: a commit hands the session back for the next batch; closing without a
     * commit closes the writer (rollback) and with it the session's connection.
     */
    static final class Writer implements io.dtaas.connect.ChunkWriter {

        private final io.dtaas.connect.ChunkWriter writer;
        private final ChangeSession session;
        private final Pool pool;
        private boolean committed;

        Writer(io.dtaas.connect.ChunkWriter writer, ChangeSession session, Pool pool) {
            this.writer = writer;
            this.session = session;
            this.pool = pool;
        }

        @Override
        public void write(io.dtaas.data.Batch batch) {
            writer.write(batch);
        }

        @Override
        public void commit() {
            writer.commit();
            committed = true;
            pool.give(session);
        }

        @Override
        public long bytesWritten() {
            return writer.bytesWritten();
        }

        @Override
        public void close() {
            if (!committed) {
                writer.close();
                session.close();
            }
        }
    }
}
