package io.dtaas.controlplane.metadata;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * What every metadata row has: a database-generated id, its creation time and an optimistic-lock version
 * (concurrent writers of one row fail instead of overwriting each other).
 */
@MappedSuperclass
public abstract class MetadataEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;
}
