package io.dtaas.controlplane.connector;

import io.dtaas.controlplane.metadata.ConnectorEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.ConnectorType;
import io.dtaas.error.SystemError;
import io.dtaas.secret.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moves connection settings between the API, the store and the connectors: splits secret fields off into
 * an encrypted blob, masks them for display, merges updates, and rebuilds validated settings for use.
 */
@ApplicationScoped
public class ConnectorSettings {

    public static final String MASK = io.dtaas.secret.Secret.MASK;
    private static final TypeReference<Map<String, String>> SECRET_MAP = new TypeReference<>() { };

    private final SecretCipher cipher;
    private final ObjectMapper json = new ObjectMapper();

    public ConnectorSettings(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Stores settings on the entity: plain fields as JSON, secret fields sealed. */
    public void store(ConnectorEntity entity, ConnectorType type, Map<String, Object> settings) {
        Map<String, Object> plain = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            if (type.isSecret(key)) {
                secrets.put(key, value.toString());
            } else {
                plain.put(key, value);
            }
        });
        entity.connectionConfig = plain;
        entity.secretConfig = secrets.isEmpty() ? null : cipher.encrypt(write(secrets));
    }

    /** The stored settings with secrets revealed: only for connecting and for merging updates. */
    public Map<String, Object> revealed(ConnectorEntity entity) {
        Map<String, Object> all = new LinkedHashMap<>(entity.connectionConfig);
        all.putAll(secrets(entity));
        return all;
    }

    /** The stored settings validated for use by a connector. */
    public ConfigValues values(ConnectorEntity entity, ConnectorType type) {
        return ConfigValidator.validate(type, revealed(entity), "connection_config");
    }

    /** The settings for display: every stored secret shown as {@value #MASK}. */
    public Map<String, Object> masked(ConnectorEntity entity) {
        Map<String, Object> shown = new TreeMap<>(entity.connectionConfig);
        secrets(entity).keySet().forEach(k -> shown.put(k, MASK));
        return shown;
    }

    /**
     * Overlays {@code changes} on {@code current}: a null value removes the key; a secret field sent as the
     * mask keeps its current value (so forms can send back what they were shown).
     */
    public static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> changes, ConnectorType type) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (!(type.isSecret(key) && MASK.equals(value))) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private Map<String, String> secrets(ConnectorEntity entity) {
        if (entity.secretConfig == null) {
            return Map.of();
        }
        try {
            return json.readValue(cipher.decrypt(entity.secretConfig), SECRET_MAP);
        } catch (JsonProcessingException e) {
            throw new SystemError("stored secrets of connector " + entity.id + " are not readable", null);
        }
    }

    private String write(Map<String, String> secrets) {
        try {
            return json.writeValueAsString(secrets);
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot serialise secrets", null);
        }
    }
}
