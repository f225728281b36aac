package io.dtaas.controlplane.notification;

import io.dtaas.error.SystemError;
import io.dtaas.secret.SecretCipher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * At start, re-seals channel secrets still under a previous master key (DTAAS_SECRET_KEY_PREVIOUS), as
 * {@code SecretRotation} does for connectors, so the previous key can be retired.
 */
@ApplicationScoped
public class ChannelKeyRotation {

    private static final Logger LOG = Logger.getLogger(ChannelKeyRotation.class);

    private final DataSource metadata;
    private final SecretCipher cipher;

    public ChannelKeyRotation(DataSource metadata, SecretCipher cipher) {
        this.metadata = metadata;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent event) {
        int resealed = resealAll();
        if (resealed > 0) {
            LOG.infof("secret rotation: re-sealed %d notification channel secret(s) under master key %s", resealed,
                    cipher.keyId());
        }
    }

    /** @return how many channels were re-sealed */
    @Transactional
    public int resealAll() {
        int resealed = 0;
        try (Connection c = metadata.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, secret_config FROM notification_channels ORDER BY id FOR UPDATE");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE notification_channels SET secret_config = ? WHERE id = ?");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String token = rs.getString(2);
                if (cipher.isCurrent(token)) {
                    continue;
                }
                try {
                    update.setString(1, cipher.reseal(token));
                    update.setLong(2, rs.getLong(1));
                    update.executeUpdate();
                    resealed++;
                } catch (SystemError unreadable) {
                    LOG.errorf("notification channel %d is sealed under a master key that is not configured; it cannot"
                            + " send until that key is given in DTAAS_SECRET_KEY_PREVIOUS", rs.getLong(1));
                }
            }
            return resealed;
        } catch (SQLException e) {
            throw new SystemError("cannot re-seal notification channel secrets", e);
        }
    }
}
