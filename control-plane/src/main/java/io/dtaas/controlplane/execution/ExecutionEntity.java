package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.metadata.MetadataEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of a task: its state, counters, per-table progress and the variables it resolved. */
@Entity
@Table(name = "executions")
public class ExecutionEntity extends MetadataEntity {

    @Column(name = "task_id")
    public Long taskId;

    public String status;

    @Column(name = "processed_rows")
    public long processedRows;

    @Column(name = "rows_per_second")
    public Double rowsPerSecond;

    /** One object per table, snake_case keys as on the wire; see {@link TableProgressJson}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "table_progress", columnDefinition = "jsonb")
    public List<Map<String, Object>> tableProgress;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> variables;

    /** A cdc execution's latest stream metrics, snake_case keys as on the wire (null for full loads). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "cdc_metrics", columnDefinition = "jsonb")
    public Map<String, Object> cdcMetrics;

    /**
     * Transient failures retried so far, and the latest one's reason: incremented in place by whichever process
     * retried ({@link io.dtaas.metadata.ExecutionRetries}), so never written from here (a progress write would
     * put back a stale count).
     */
    @Column(insertable = false, updatable = false)
    public int retries;

    @Column(name = "last_retry_reason", insertable = false, updatable = false)
    public String lastRetryReason;

    @Column(name = "error_message")
    public String errorMessage;

    /** The paused or failed execution this one resumes (null for a start from scratch). */
    @Column(name = "resumed_from")
    public Long resumedFrom;

    /** The execution that resumed this one (null while none did). */
    @Column(name = "resumed_by")
    public Long resumedBy;

    /** The execution's number among its task's executions (#1, #2 ...); null only for rows older than V18. */
    @Column(name = "run_number")
    public Long runNumber;

    /** What started it: {@link RunTrigger} wire name; null for rows older than V18. */
    @Column(name = "run_trigger")
    public String runTrigger;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The number the task's next execution gets. */
    public static long nextRunNumber(long taskId) {
        Long max = getEntityManager().createQuery(
                "select max(e.runNumber) from ExecutionEntity e where e.taskId = ?1", Long.class)
                .setParameter(1, taskId).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** The task's newest execution: the one whose status the task mirrors. */
    public static Optional<ExecutionEntity> latestOf(long taskId) {
        return find("taskId = ?1 order by id desc", taskId).firstResultOptional();
    }
}
