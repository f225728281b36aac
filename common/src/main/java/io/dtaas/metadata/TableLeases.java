package io.dtaas.metadata;

import io.dtaas.error.SystemError;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Who may write a task's table, under which fencing epoch. Every claim of a table (a first delivery, a
 * reclaim after a worker died, a resume in a new execution) raises the epoch; a worker holding an older one
 * has lost the table, and its checkpoints are refused ({@link FencedCheckpointStore}).
 */
public final class TableLeases {

    private final DataSource metadata;

    public TableLeases(DataSource metadata) {
        this.metadata = metadata;
    }

    /** Takes the table for this worker and returns the new epoch. */
    public long claim(long taskId, String table, long executionId, String workerId) {
        String sql = """
                INSERT INTO table_leases (task_id, table_name, epoch, execution_id, worker_id, claimed_at, renewed_at)
                VALUES (?, ?, 1, ?, ?, now(), now())
                ON CONFLICT (task_id, table_name) DO UPDATE SET epoch = table_leases.epoch + 1,
                    execution_id = EXCLUDED.execution_id, worker_id = EXCLUDED.worker_id, claimed_at = now(),
                    renewed_at = now()
                RETURNING epoch""";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, table);
            ps.setLong(3, executionId);
            ps.setString(4, workerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new SystemError("cannot claim table " + table + " of task " + taskId, e);
        }
    }

    /**
     * The holder's heartbeat: marks the claim as alive now, if {@code epoch} is still current. A claim renewed
     * within the lease is a job running somewhere, whatever Redis remembers (it may have lost the job's entry).
     *
     * @return false when another claim took the table: the caller has lost it
     */
    public boolean renew(long taskId, String table, long epoch) {
        String sql = "UPDATE table_leases SET renewed_at = now() WHERE task_id = ? AND table_name = ? AND epoch = ?";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, table);
            ps.setLong(3, epoch);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new SystemError("cannot renew the lease of table " + table + " of task " + taskId, e);
        }
    }

    /** The lease keys (tables, or the change stream's) of the execution whose holders renewed them within {@code lease}. */
    public Set<String> alive(long taskId, long executionId, Duration lease) {
        String sql = "SELECT table_name FROM table_leases WHERE task_id = ? AND execution_id = ?"
                + " AND renewed_at > now() - make_interval(secs => ?)";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setLong(2, executionId);
            ps.setDouble(3, lease.toMillis() / 1000.0);
            Set<String> alive = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alive.add(rs.getString(1));
                }
            }
            return alive;
        } catch (SQLException e) {
            throw new SystemError("cannot read the leases of task " + taskId, e);
        }
    }

    /** Whether {@code epoch} is still the table's current one. */
    public boolean holds(long taskId, String table, long epoch) {
        String sql = "SELECT 1 FROM table_leases WHERE task_id = ? AND table_name = ? AND epoch = ?";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, table);
            ps.setLong(3, epoch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new SystemError("cannot read the lease of table " + table + " of task " + taskId, e);
        }
    }
}
