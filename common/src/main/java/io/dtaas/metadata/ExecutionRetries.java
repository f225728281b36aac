package io.dtaas.metadata;

import io.dtaas.error.SystemError;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The retries an execution rode through ({@code executions.retries}, {@code last_retry_reason}), counted in the
 * metadata database by whichever process retried (the control-plane's engine, any worker), so the total is exact
 * across workers and restarts. Each call is one atomic increment; no other writer touches these columns.
 */
public final class ExecutionRetries {

    private static final int MAX_REASON = 1000;

    private final DataSource metadata;

    public ExecutionRetries(DataSource metadata) {
        this.metadata = metadata;
    }

    /** @param reason names the table and chunk (or change batch) and the failure; never a secret */
    public void retried(long executionId, String reason) {
        String cut = reason == null ? null : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        try (Connection c = metadata.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE executions SET retries = retries + 1, last_retry_reason = ? WHERE id = ?")) {
            ps.setString(1, cut);
            ps.setLong(2, executionId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SystemError("cannot record a retry of execution " + executionId + ": " + e.getMessage(), e);
        }
    }
}
