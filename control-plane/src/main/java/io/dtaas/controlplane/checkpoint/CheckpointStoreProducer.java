package io.dtaas.controlplane.checkpoint;

import io.dtaas.engine.CheckpointStore;
import io.dtaas.metadata.JdbcCheckpointStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/** Chunk checkpoints live in the metadata store, the same table workers write in distributed mode. */
public class CheckpointStoreProducer {

    @Produces
    @Singleton
    CheckpointStore checkpoints(DataSource metadata) {
        return new JdbcCheckpointStore(metadata);
    }
}
