package io.dtaas.metadata;

import io.dtaas.engine.CheckpointStore;
import io.dtaas.error.SystemError;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * The checkpoints of one claimed table, written only while the claim's epoch is current. A worker that lost
 * the table (it stalled past its lease and another worker reclaimed it) gets {@link LeaseLost} at its next
 * chunk and stops; the chunk it may still have committed downstream is harmless, because a chunk's write
 * replaces its own key range and the new owner writes the same rows again.
 */
public final class FencedCheckpointStore implements CheckpointStore {

    private final JdbcCheckpointStore delegate;
    private final DataSource metadata;
    private final long epoch;
    private final long executionId;

    /** @param executionId the execution the claim runs for: its chunks carry it, and count as its rows */
    public FencedCheckpointStore(DataSource metadata, long epoch, long executionId) {
        this.delegate = new JdbcCheckpointStore(metadata);
        this.metadata = metadata;
        this.epoch = epoch;
        this.executionId = executionId;
    }

    /** Thrown when a checkpoint is refused because another worker holds the table now. */
    public static final class LeaseLost extends RuntimeException {
        public LeaseLost(String message) {
            super(message);
        }
    }

    @Override
    public Set<Integer> completedChunks(long taskId, String table, String planFingerprint) {
        return delegate.completedChunks(taskId, table, planFingerprint);
    }

    @Override
    public void markCompleted(long taskId, String table, String planFingerprint, int chunkIndex, long rows) {
        String sql = """
                INSERT INTO chunk_checkpoints (task_id, table_name, plan_fingerprint, chunk_index, rows, completed_at,
                    execution_id)
                SELECT ?, ?, ?, ?, ?, now(), ?
                WHERE EXISTS (SELECT 1 FROM table_leases l WHERE l.task_id = ? AND l.table_name = ? AND l.epoch = ?)
                ON CONFLICT (task_id, table_name, plan_fingerprint, chunk_index)
                DO UPDATE SET rows = EXCLUDED.rows, completed_at = EXCLUDED.completed_at,
                    execution_id = EXCLUDED.execution_id""";
        int written;
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, table);
            ps.setString(3, planFingerprint);
            ps.setInt(4, chunkIndex);
            ps.setLong(5, rows);
            ps.setLong(6, executionId);
            ps.setLong(7, taskId);
            ps.setString(8, table);
            ps.setLong(9, epoch);
            written = ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot checkpoint chunk " + chunkIndex + " of task " + taskId + ", table " + table, e);
        }
        if (written == 0) {
            throw new LeaseLost("table " + table + " of task " + taskId + " was claimed by another worker (epoch "
                    + epoch + " is no longer current)");
        }
    }

    @Override
    public long rowsDone(long taskId, String table, String planFingerprint) {
        return delegate.rowsDone(taskId, table, planFingerprint);
    }

    @Override
    public long rowsCarried(long taskId, String table, String planFingerprint) {
        return JdbcCheckpointStore.sumRows(metadata, taskId, table, planFingerprint, executionId);
    }

    @Override
    public void clear(long taskId) {
        throw new UnsupportedOperationException("a worker never clears a task's checkpoints; a start does");
    }
}
