package io.dtaas.controlplane.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.error.SystemError;
import io.dtaas.secret.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seals a channel's url and secret with the master key, and opens them again only to send. */
@ApplicationScoped
public class ChannelSecrets {

    private final SecretCipher cipher;
    private final ObjectMapper json = new ObjectMapper();

    public ChannelSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(ChannelEndpoint endpoint) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("url", endpoint.url());
        if (endpoint.signed()) {
            fields.put("secret", endpoint.secret());
        }
        try {
            return cipher.encrypt(json.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot serialise a channel's secrets", null);
        }
    }

    public ChannelEndpoint open(long channelId, String sealed) {
        try {
            Map<?, ?> fields = json.readValue(cipher.decrypt(sealed), Map.class);
            Object secret = fields.get("secret");
            return new ChannelEndpoint((String) fields.get("url"), secret == null ? null : secret.toString());
        } catch (JsonProcessingException e) {
            throw new SystemError("stored secrets of notification channel " + channelId + " are not readable", null);
        }
    }
}
