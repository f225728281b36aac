package io.dtaas.controlplane;

import io.dtaas.cdc.StreamStates;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.files.FileRoots;
import io.dtaas.secret.MasterKeys;
import io.dtaas.secret.SecretCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.Optional;

/** CDI producers for the plain-Java pieces from {@code common}. */
public class CommonBeans {

    /**
     * The master-key cipher: DTAAS_SECRET_KEY, else the key file in the data dir (created once, mode 0600). Keys in
     * DTAAS_SECRET_KEY_PREVIOUS still open what they sealed, until {@code SecretRotation} re-seals it at start.
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

    /**
     * Where streams keep their state: files under {@code dtaas.cdc.state-dir} for the in-process engine
     * (standalone), the workers' Redis keys in distributed mode (so a resync forgets the offsets workers resume from).
     */
    @Produces
    @Singleton
    StreamStates streamStates(@ConfigProperty(name = "dtaas.cdc.state-dir") Path stateDir,
                              @ConfigProperty(name = "dtaas.redis.url") Optional<String> redisUrl,
                              @ConfigProperty(name = "dtaas.redis.prefix", defaultValue = "dtaas:") String prefix) {
        return redisUrl.filter(u -> !u.isBlank())
                .map(u -> StreamStates.redis(io.dtaas.cdc.RedisCdcStorage.of(u, new io.dtaas.cluster.ClusterKeys(prefix).prefix()), stateDir))
                .orElseGet(() -> StreamStates.files(stateDir));
    }
}
