package io.dtaas.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dtaas.error.SystemError;

/** The one JSON form of every message between control-plane and workers. */
public final class ClusterJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot encode a " + message.getClass().getSimpleName() + " message", e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot decode a " + type.getSimpleName() + " message", e);
        }
    }

    public <T> T read(String text, JavaType type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot decode a " + type + " message", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
