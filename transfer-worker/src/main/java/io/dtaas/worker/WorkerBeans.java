package io.dtaas.worker;

import io.dtaas.cdc.RedisCdcStorage;
import io.dtaas.cdc.StreamStates;
import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.GatewayCalls;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.files.FileRoots;
import io.dtaas.metadata.ExecutionTables;
import io.dtaas.metadata.JdbcConnectorStore;
import io.dtaas.metadata.TableLeases;
import io.dtaas.secret.MasterKeys;
import io.dtaas.secret.SecretCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** CDI producers for the plain-Java pieces from {@code common} a worker runs with. */
public class WorkerBeans {

    /**
     * The same master key as the control-plane's: DTAAS_SECRET_KEY, else the key file in the data dir. Keys in
     * DTAAS_SECRET_KEY_PREVIOUS still open what they sealed, so workers keep working while secrets are re-sealed.
     */
    @Produces
    @Singleton
    SecretCipher secretCipher(@ConfigProperty(name = "dtaas.secret-key") Optional<String> key,
                              @ConfigProperty(name = "dtaas.secret-key-previous") Optional<String> previous,
                              @ConfigProperty(name = "dtaas.home") Path home) {
        return MasterKeys.cipher(key.orElse(null), previous.orElse(null), home);
    }

    @Produces
    @Singleton
    ConnectorRegistry connectorRegistry(@ConfigProperty(name = "dtaas.files.roots") String fileRoots) {
        return StandardConnectors.registry(FileRoots.parse(fileRoots));
    }

    @Produces
    @Singleton
    ClusterJson clusterJson() {
        return new ClusterJson();
    }

    @Produces
    @Singleton
    JdbcConnectorStore connectorStore(DataSource metadata, ConnectorRegistry registry, SecretCipher cipher) {
        return new JdbcConnectorStore(metadata, registry, cipher);
    }

    @Produces
    @Singleton
    TableLeases tableLeases(DataSource metadata) {
        return new TableLeases(metadata);
    }

    @Produces
    @Singleton
    ExecutionTables executionTables(DataSource metadata) {
        return new ExecutionTables(metadata);
    }

    @Produces
    @Singleton
    GatewayCalls gatewayCalls(ConnectorRegistry registry, SecretCipher cipher, ClusterJson json, WorkerInfo info,
                              StreamStates states,
                              @ConfigProperty(name = "dtaas.connector.test-timeout", defaultValue = "10s") Duration timeout) {
        return new GatewayCalls(registry, cipher, json, timeout, info.id(), states);
    }

    /** Streams keep their state in Redis, so any worker resumes (or measures) a stream where the last one left it. */
    @Produces
    @Singleton
    StreamStates streamStates(@ConfigProperty(name = "dtaas.redis.url") Optional<String> redisUrl,
                              @ConfigProperty(name = "dtaas.redis.prefix", defaultValue = "dtaas:") String prefix,
                              @ConfigProperty(name = "dtaas.cdc.state-dir") Path cdcState) {
        return StreamStates.redis(RedisCdcStorage.of(redisUrl.orElse(""), prefix), cdcState);
    }
}
