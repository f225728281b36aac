package io.dtaas.controlplane.variable;

import io.dtaas.controlplane.metadata.MetadataEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A global variable: {@code static}, {@code db_query} or {@code context}, with its type's settings. */
@Entity
@Table(name = "variables")
public class VariableEntity extends MetadataEntity {

    public String name;

    public String description;

    @Column(name = "variable_type")
    public String variableType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> config;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<VariableEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
