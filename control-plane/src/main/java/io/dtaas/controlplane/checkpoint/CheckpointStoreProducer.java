package io.dtaas.controlplane.checkpoint;

import io.dtaas.engine.CheckpointStore;
import io.dtaas.metadata.ExecutionRetries;
import io.dtaas.metadata.ExecutionTables;
import io.dtaas.metadata.JdbcCheckpointStore;
import io.dtaas.metadata.TableLeases;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Chunk checkpoints live in the metadata store, the same table workers write in distributed mode; so do the
 * records of distributed executions' tables and the workers' table leases (common's plain-JDBC classes).
 */
public class CheckpointStoreProducer {

    @Produces
    @Singleton
    CheckpointStore checkpoints(DataSource metadata) {
        return new JdbcCheckpointStore(metadata);
    }

    @Produces
    @Singleton
    ExecutionTables executionTables(DataSource metadata) {
        return new ExecutionTables(metadata);
    }

    @Produces
    @Singleton
    ExecutionRetries executionRetries(DataSource metadata) {
        return new ExecutionRetries(metadata);
    }

    @Produces
    @Singleton
    TableLeases tableLeases(DataSource metadata) {
        return new TableLeases(metadata);
    }
}
