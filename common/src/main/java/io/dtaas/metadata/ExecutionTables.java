package io.dtaas.metadata;

import io.dtaas.error.SystemError;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TableProgress;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tables each execution must finish ({@code execution_tables}), in the metadata database shared by the
 * control-plane and the workers, so what an execution still owes never depends on what Redis remembers.
 *
 * <p>The worker that plans an execution records its tables before it queues any table job. A table's final
 * report is stored once: the first write of an outcome wins, later ones (a re-run, a report read twice after a
 * restart) change nothing, and a claim's end is stored only while its fencing epoch is current. Plain JDBC on
 * the metadata datasource: each call commits on its own, or joins the caller's transaction when there is one.
 */
public final class ExecutionTables {

    private static final String COLUMNS = "table_name, position, state, outcome, rows, bytes, chunks_done, chunks_total,"
            + " error, epoch, redispatched";
    private static final int MAX_ERROR = 4000;

    private final DataSource metadata;

    public ExecutionTables(DataSource metadata) {
        this.metadata = metadata;
    }

    /**
     * Records the plan unless one is recorded already, and returns the recorded one: a plan job run twice (a
     * reclaim, a re-dispatch) keeps the first plan, even if the source's tables changed in between.
     */
    public List<ExecutionTable> plan(long executionId, List<String> tables) {
        try (Connection c = metadata.getConnection()) {
            boolean own = c.getAutoCommit(); // else the caller's transaction holds it
            if (own) {
                c.setAutoCommit(false);
            }
            try {
                // planners of one execution queue behind its row, so the second sees the first's plan
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM executions WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, executionId);
                    lock.executeQuery().close();
                }
                if (read(c, executionId).isEmpty()) {
                    insert(c, executionId, tables);
                }
                List<ExecutionTable> recorded = read(c, executionId);
                if (own) {
                    c.commit();
                }
                return recorded;
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (own) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new SystemError("cannot record the tables of execution " + executionId, e);
        }
    }

    private static void insert(Connection c, long executionId, List<String> tables) throws SQLException {
        String sql = "INSERT INTO execution_tables (execution_id, table_name, position, state) VALUES (?, ?, ?, 'pending')"
                + " ON CONFLICT DO NOTHING";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < tables.size(); i++) {
                ps.setLong(1, executionId);
                ps.setString(2, tables.get(i));
                ps.setInt(3, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The recorded plan in plan order, each table with its final report if it has one; empty if none is recorded. */
    public List<ExecutionTable> of(long executionId) {
        try (Connection c = metadata.getConnection()) {
            return read(c, executionId);
        } catch (SQLException e) {
            throw new SystemError("cannot read the tables of execution " + executionId, e);
        }
    }

    /** The table's final report, if it has one. */
    public Optional<ExecutionTable> finalOf(long executionId, String table) {
        return of(executionId).stream().filter(t -> t.table().equals(table) && t.finished()).findFirst();
    }

    /** A worker claimed the table under {@code epoch}: it shows as running, and older epochs' reports are refused. */
    public void claimed(long executionId, String table, long epoch) {
        String sql = "UPDATE execution_tables SET state = 'running', epoch = ? WHERE execution_id = ? AND table_name = ?"
                + " AND outcome IS NULL AND epoch < ?";
        update(sql, "claim", executionId, table, ps -> {
            ps.setLong(1, epoch);
            ps.setLong(2, executionId);
            ps.setString(3, table);
            ps.setLong(4, epoch);
        });
    }

    /**
     * Stores the table's final report, once. With {@code fencedTaskId} set, only while {@code epoch} is still the
     * table's lease (the worker's own write); without, only if no newer claim was recorded (a report the
     * control-plane folds).
     *
     * @return true if this call stored the outcome; false if the table already had one or the claim is stale
     */
    public boolean finish(long executionId, String table, long epoch, ExecutionStatus outcome, TableProgress last,
                          String error, Long fencedTaskId) {
        String sql = "UPDATE execution_tables SET state = ?, outcome = ?, rows = ?, bytes = ?, chunks_done = ?,"
                + " chunks_total = ?, error = ?, epoch = greatest(epoch, ?), finished_at = now()"
                + " WHERE execution_id = ? AND table_name = ? AND outcome IS NULL AND epoch <= ?"
                + (fencedTaskId == null ? "" : " AND EXISTS (SELECT 1 FROM table_leases l WHERE l.task_id = ?"
                + " AND l.table_name = ? AND l.epoch = ?)");
        String reason = error != null ? error : last != null ? last.error() : null;
        return update(sql, "store the end of", executionId, table, ps -> {
            ps.setString(1, ExecutionTable.finalState(outcome, last));
            ps.setString(2, outcome.wireName());
            ps.setLong(3, last == null ? 0 : Math.max(0, last.rows()));
            ps.setLong(4, last == null ? 0 : Math.max(0, last.bytes()));
            ps.setInt(5, last == null ? 0 : last.chunksDone());
            ps.setInt(6, last == null ? 0 : last.chunksTotal());
            ps.setString(7, reason == null ? null : truncate(reason));
            ps.setLong(8, epoch);
            ps.setLong(9, executionId);
            ps.setString(10, table);
            ps.setLong(11, epoch);
            if (fencedTaskId != null) {
                ps.setLong(12, fencedTaskId);
                ps.setString(13, table);
                ps.setLong(14, epoch);
            }
        }) > 0;
    }

    /**
     * Ends a table that no job is running, as {@code outcome} with {@code reason}: a stop or pause reached its job
     * before a worker claimed it, or the control-plane found its job lost while the execution was stopping.
     *
     * @return true if this call stored the outcome
     */
    public boolean endUnclaimed(long executionId, String table, ExecutionStatus outcome, String reason) {
        String sql = "UPDATE execution_tables SET state = ?, outcome = ?, error = coalesce(?, error), finished_at = now()"
                + " WHERE execution_id = ? AND table_name = ? AND outcome IS NULL";
        return update(sql, "end", executionId, table, ps -> {
            ps.setString(1, ExecutionTable.finalState(outcome, null));
            ps.setString(2, outcome.wireName());
            ps.setString(3, reason == null ? null : truncate(reason));
            ps.setLong(4, executionId);
            ps.setString(5, table);
        }) > 0;
    }

    /** Counts one more re-dispatch of the table (its job was lost). */
    public void redispatched(long executionId, String table) {
        String sql = "UPDATE execution_tables SET redispatched = redispatched + 1 WHERE execution_id = ? AND table_name = ?";
        update(sql, "count a re-dispatch of", executionId, table, ps -> {
            ps.setLong(1, executionId);
            ps.setString(2, table);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, String what, long executionId, String table, Binder binder) {
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot " + what + " table " + table + " of execution " + executionId, e);
        }
    }

    private static List<ExecutionTable> read(Connection c, long executionId) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM execution_tables WHERE execution_id = ? ORDER BY position, table_name";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            List<ExecutionTable> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String outcome = rs.getString("outcome");
                    tables.add(new ExecutionTable(rs.getString("table_name"), rs.getInt("position"), rs.getString("state"),
                            outcome == null ? null : ExecutionStatus.fromWire(outcome), rs.getLong("rows"),
                            rs.getLong("bytes"), rs.getInt("chunks_done"), rs.getInt("chunks_total"),
                            rs.getString("error"), rs.getLong("epoch"), rs.getInt("redispatched")));
                }
            }
            return tables;
        }
    }

    private static String truncate(String s) {
        return s.length() > MAX_ERROR ? s.substring(0, MAX_ERROR) : s;
    }
}
