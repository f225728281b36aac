package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.error.SystemError;
import io.dtaas.secret.SecretCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Master-key rotation: at every start, each stored secret sealed under a previous key
 * ({@code DTAAS_SECRET_KEY_PREVIOUS}) is re-sealed under the current {@code DTAAS_SECRET_KEY}, all in one
 * transaction (rows locked, so a concurrent update cannot be lost), and the counts are logged. A secret whose key
 * is neither current nor previous is left as it is and reported by connector id and key id, never by value.
 */
@ApplicationScoped
public class SecretRotation {

    private static final Logger LOG = Logger.getLogger(SecretRotation.class);

    private final SecretCipher cipher;

    public SecretRotation(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** @param unreadable "connector 7 (key 9f2c01ab)" for each secret no configured key opens */
    public record Outcome(int resealed, int alreadyCurrent, List<String> unreadable) {
    }

    void onStart(@Observes StartupEvent event) {
        Outcome outcome = resealAll();
        if (outcome.resealed() > 0 || !cipher.previousKeyIds().isEmpty()) {
            LOG.infof("secret rotation: re-sealed %d connector secret(s) under master key %s (%d already under it; "
                            + "previous keys accepted: %s)", outcome.resealed(), cipher.keyId(), outcome.alreadyCurrent(),
                    cipher.previousKeyIds().isEmpty() ? "none" : String.join(", ", cipher.previousKeyIds()));
        }
        if (!outcome.unreadable().isEmpty()) {
            LOG.errorf("secret rotation: %d connector secret(s) are sealed under a key that is neither "
                    + "DTAAS_SECRET_KEY nor in DTAAS_SECRET_KEY_PREVIOUS and stay unusable until it is given: %s",
                    outcome.unreadable().size(), String.join(", ", outcome.unreadable()));
        }
    }

    /** Re-seals every secret not under the current key; one transaction for all of them. */
    public Outcome resealAll() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ConnectorEntity> sealed = ConnectorEntity.<ConnectorEntity>find("secretConfig is not null order by id")
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
            int resealed = 0;
            int current = 0;
            List<String> unreadable = new ArrayList<>();
            for (ConnectorEntity e : sealed) {
                if (cipher.isCurrent(e.secretConfig)) {
                    current++;
                    continue;
                }
                try {
                    e.secretConfig = cipher.reseal(e.secretConfig);
                    resealed++;
                } catch (SystemError unreadableToken) {
                    unreadable.add("connector " + e.id + " (key " + keyIdOf(e.secretConfig) + ")");
                }
            }
            return new Outcome(resealed, current, unreadable);
        });
    }

    private static String keyIdOf(String token) {
        try {
            return SecretCipher.keyIdOf(token);
        } catch (SystemError notV1) {
            return "not a v1 token";
        }
    }
}
