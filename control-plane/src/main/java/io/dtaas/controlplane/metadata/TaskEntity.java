package io.dtaas.controlplane.metadata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A stored transfer task: what to move (config) from which source to which destination, how and when. */
@Entity
@Table(name = "tasks")
public class TaskEntity extends MetadataEntity {

    public String name;

    public String description;

    @Column(name = "source_connector_id")
    public Long sourceConnectorId;

    @Column(name = "destination_connector_id")
    public Long destinationConnectorId;

    /** {@code full_load}, {@code cdc} or {@code full_load_then_cdc}. */
    public String mode;

    /** {@code on_demand}, {@code continuous}, {@code interval} or {@code cron}. */
    @Column(name = "schedule_type")
    public String scheduleType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> schedule;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> config;

    public String status;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<TaskEntity> findByNameIgnoreCase(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }
}
