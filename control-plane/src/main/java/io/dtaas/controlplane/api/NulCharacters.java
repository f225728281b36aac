package io.dtaas.controlplane.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.dtaas.error.ConfigError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Refuses a JSON body holding a NUL character ({@code \u0000}) in any string or key, with a 422 naming its
 * path ({@code connection_config.host}, {@code config.transformations.t[0].config.find}), before the body is
 * bound. PostgreSQL cannot store NUL in text or jsonb, so such input used to fail as a 500 when it was saved;
 * checking the raw body covers every field of every request, typed or free-form.
 */
@Provider
public class NulCharacters implements ReaderInterceptor {

    static final String MESSAGE = "contains a NUL character (\\u0000), which text cannot hold";
    private static final byte[] ESCAPE = "\\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.getSubtype().endsWith("json")) {
            return context.proceed();
        }
        byte[] body;
        try {
            body = context.getInputStream().readAllBytes(); // at most quarkus.http.limits.max-body-size
        } catch (IOException e) {
            if ("Request too large".equals(e.getMessage())) {
                // a chunked body past the limit: the server already answered 413 and closes the connection
                throw new BodyLimit.TooLarge();
            }
            throw e;
        }
        context.setInputStream(new ByteArrayInputStream(body));
        if (indexOf(body, ESCAPE) >= 0) {
            String field = fieldWithNul(body);
            if (field != null) {
                throw new ConfigError(field, MESSAGE);
            }
        }
        return context.proceed();
    }

    /** The path of the first string or key holding NUL, or null (none, or malformed JSON the reader will refuse). */
    static String fieldWithNul(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if ((t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) && p.getText().indexOf('\0') >= 0) {
                    return path(p.getParsingContext());
                }
            }
            return null;
        } catch (IOException malformed) {
            return null;
        }
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName().replace("\0", "\\u0000"));
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
