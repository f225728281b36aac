package io.dtaas.controlplane.validation;

import io.dtaas.controlplane.metadata.MetadataEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One validation run of a task: its state and its per-table reports (snake_case keys as on the wire). */
@Entity
@Table(name = "validations")
public class ValidationEntity extends MetadataEntity {

    @Column(name = "task_id")
    public Long taskId;

    public String status;

    public String verdict;

    public boolean repair;

    public String trigger;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<String> requested;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<Map<String, Object>> tables;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
