package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.ClusterJson;
import io.dtaas.error.SystemError;
import io.dtaas.job.JobSpec;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The job each distributed execution was sent with ({@code executions.dispatched_job}): ids, rendered config and
 * resolved variable values, never secrets, exactly what went onto the jobs stream. A job Redis lost is queued
 * again from here, so the re-run sees the same inputs as the first.
 */
@ApplicationScoped
public class DispatchedJobs {

    private final DataSource metadata;
    private final ClusterJson json = new ClusterJson();

    public DispatchedJobs(DataSource metadata) {
        this.metadata = metadata;
    }

    public void store(JobSpec job) {
        String sql = "UPDATE executions SET dispatched_job = CAST(? AS jsonb) WHERE id = ?";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, json.write(job));
            ps.setLong(2, job.executionId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot record the job of execution " + job.executionId(), e);
        }
    }

    /** The job as sent; empty for executions dispatched before jobs were recorded. */
    public Optional<JobSpec> find(long executionId) {
        String sql = "SELECT dispatched_job::text FROM executions WHERE id = ?";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(json.read(rs.getString(1), JobSpec.class));
            }
        } catch (SQLException e) {
            throw new SystemError("cannot read the job of execution " + executionId, e);
        }
    }
}
