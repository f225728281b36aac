package io.dtaas.metadata;

import io.dtaas.engine.CheckpointStore;
import io.dtaas.error.SystemError;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Chunk checkpoints in the metadata store's {@code chunk_checkpoints} table. Plain JDBC on the metadata
 * datasource: called from engine threads outside any transaction, each call commits on its own; called
 * inside one (a start clearing checkpoints), it joins it, so the clear and the new execution commit together.
 */
public class JdbcCheckpointStore implements CheckpointStore {

    private final DataSource dataSource;

    public JdbcCheckpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<Integer> completedChunks(long taskId, String table, String planFingerprint) {
        String sql = "SELECT chunk_index FROM chunk_checkpoints WHERE task_id = ? AND table_name = ? AND plan_fingerprint = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, table);
            ps.setString(3, planFingerprint);
            Set<Integer> done = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getInt(1));
                }
            }
            return done;
        } catch (SQLException e) {
            throw new SystemError("cannot read the checkpoints of task " + taskId + ", table " + table, e);
        }
    }

    /** Idempotent: a chunk committed twice (a retried or reclaimed chunk) keeps one row with the latest count. */
    @Override
    public void markCompleted(long taskId, String table, String planFingerprint, int chunkIndex, long rows) {
        String sql = """
                INSERT INTO chunk_checkpoints (task_id, table_name, plan_fingerprint, chunk_index, rows, completed_at)
                VALUES (?, ?, ?, ?, ?, now())
                ON CONFLICT (task_id, table_name, plan_fingerprint, chunk_index)
                DO UPDATE SET rows = EXCLUDED.rows, completed_at = EXCLUDED.completed_at""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, table);
            ps.setString(3, planFingerprint);
            ps.setInt(4, chunkIndex);
            ps.setLong(5, rows);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot checkpoint chunk " + chunkIndex + " of task " + taskId + ", table " + table, e);
        }
    }

    @Override
    public long rowsDone(long taskId, String table, String planFingerprint) {
        return sumRows(dataSource, taskId, table, planFingerprint, null);
    }

    /** Rows of the plan's completed chunks; with {@code executionId}, only those that execution committed. */
    static long sumRows(DataSource metadata, long taskId, String table, String planFingerprint, Long executionId) {
        String sql = "SELECT coalesce(sum(rows), 0) FROM chunk_checkpoints WHERE task_id = ? AND table_name = ?"
                + " AND plan_fingerprint = ?" + (executionId == null ? "" : " AND execution_id = ?");
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, table);
            ps.setString(3, planFingerprint);
            if (executionId != null) {
                ps.setLong(4, executionId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new SystemError("cannot read the checkpoints of task " + taskId + ", table " + table, e);
        }
    }

    @Override
    public void clear(long taskId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM chunk_checkpoints WHERE task_id = ?")) {
            ps.setLong(1, taskId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot clear the checkpoints of task " + taskId, e);
        }
    }
}
