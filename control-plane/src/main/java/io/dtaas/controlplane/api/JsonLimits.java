package io.dtaas.controlplane.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Limits of the JSON the API reads, beyond the body size ({@code quarkus.http.limits.max-body-size}): how
 * deep objects and arrays may nest, how long a name and a number may be. Past them the answer is a 400 naming
 * the limit, before any object is built.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** Deepest nesting of objects and arrays; the deepest request DTaaS knows nests about eight levels. */
    public static final int MAX_DEPTH = 64;
    /** Longest object key (column, table and setting names are far shorter). */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Most digits in a number. */
    public static final int MAX_NUMBER_LENGTH = 100;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
    }

    /** The limit that was exceeded, in words (Jackson's message names its own configuration methods). */
    static String describe(StreamConstraintsException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.contains("nesting depth")) {
            return "the JSON nests objects and arrays more than " + MAX_DEPTH + " levels deep";
        }
        if (m.contains("Name length")) {
            return "a JSON object key is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (m.contains("Number value length")) {
            return "a JSON number has more than " + MAX_NUMBER_LENGTH + " digits";
        }
        return "the JSON exceeds a size limit of this API";
    }
}
