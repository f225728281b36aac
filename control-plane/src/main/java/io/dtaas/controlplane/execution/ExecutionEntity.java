package io.dtaas.controlplane.execution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** One run of a task: its state, counters, per-table progress and the variables it resolved. */
@Entity
@Table(name = "executions")
public class ExecutionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id")
    public Long taskId;

    public String status;

    @Column(name = "processed_rows")
    public long processedRows;

    @Column(name = "rows_per_second")
    public Double rowsPerSecond;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "table_progress", columnDefinition = "jsonb")
    public Map<String, Object> tableProgress;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> variables;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;
}
