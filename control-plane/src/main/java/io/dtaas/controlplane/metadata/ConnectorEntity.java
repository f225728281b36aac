package io.dtaas.controlplane.metadata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A stored connector. Secret settings are only ever here encrypted, in {@link #secretConfig}. */
@Entity
@Table(name = "connectors")
public class ConnectorEntity extends MetadataEntity {

    public String name;

    public String description;

    /** {@code source} or {@code destination}. */
    @Column(name = "connector_type")
    public String connectorType;

    /** The connector type id: the API's source_type or destination_type. */
    @Column(name = "type_id")
    public String typeId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "connection_config", columnDefinition = "jsonb")
    public Map<String, Object> connectionConfig;

    /** AES-GCM token of a JSON object holding the secret fields; null when there are none. */
    @Column(name = "secret_config")
    public String secretConfig;

    @Column(name = "is_active")
    public boolean active = true;

    @Column(name = "last_test_status")
    public String lastTestStatus;

    @Column(name = "last_test_message")
    public String lastTestMessage;

    @Column(name = "last_tested_at")
    public Instant lastTestedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<ConnectorEntity> findByNameIgnoreCase(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }
}
