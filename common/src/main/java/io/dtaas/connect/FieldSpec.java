package io.dtaas.connect;

import java.util.List;

/**
 * One declared connection field of a connector type. The declarations drive validation, secret masking,
 * endpoint binding and the dashboard's forms, so each field is declared exactly once, in its connector's package.
 *
 * @param defaultValue value used when the field is absent (null: none)
 * @param secret       encrypted at rest, masked in every response, write-only in forms
 * @param options      allowed values of an {@link FieldType#ENUM} field
 * @param min          inclusive lower bound of an {@link FieldType#INTEGER} field (null: none)
 * @param max          inclusive upper bound of an {@link FieldType#INTEGER} field (null: none)
 * @param templated    may hold {@code {{variable}}} references, rendered as text when a transfer starts
 * @param endpoint     part of where (or how verifiably) the secrets are sent: host, port, endpoint URL, TLS
 *                     checks. A stored secret is only used with the endpoint values it was stored with; a
 *                     request that changes one of them must carry the secrets again ({@link SecretBinding})
 */
public record FieldSpec(String name, String label, FieldType type, boolean required, Object defaultValue,
                        boolean secret, List<String> options, Integer min, Integer max, String description,
                        boolean templated, boolean endpoint) {

    public FieldSpec {
        options = options == null ? List.of() : List.copyOf(options);
        if (endpoint && (secret || templated)) {
            // a templated endpoint would let a variable move stored secrets elsewhere at run time
            throw new IllegalArgumentException(name + ": an endpoint field can be neither secret nor templated");
        }
    }

    public static FieldSpec string(String name, String label, boolean required, String description) {
        return new FieldSpec(name, label, FieldType.STRING, required, null, false, null, null, null, description,
                false, false);
    }

    public static FieldSpec secret(String name, String label, boolean required, String description) {
        return new FieldSpec(name, label, FieldType.STRING, required, null, true, null, null, null, description,
                false, false);
    }

    /** The server's TCP port: always an endpoint field. */
    public static FieldSpec port(int defaultPort) {
        return new FieldSpec("port", "Port", FieldType.INTEGER, false, defaultPort, false, null, 1, 65535,
                "TCP port of the server", false, true);
    }

    public static FieldSpec integer(String name, String label, int defaultValue, int min, int max, String description) {
        return new FieldSpec(name, label, FieldType.INTEGER, false, defaultValue, false, null, min, max, description,
                false, false);
    }

    public static FieldSpec bool(String name, String label, boolean defaultValue, String description) {
        return new FieldSpec(name, label, FieldType.BOOLEAN, false, defaultValue, false, null, null, null, description,
                false, false);
    }

    public static FieldSpec choice(String name, String label, String defaultValue, List<String> options,
                                   String description) {
        return new FieldSpec(name, label, FieldType.ENUM, false, defaultValue, false, options, null, null, description,
                false, false);
    }

    public FieldSpec withDefault(Object value) {
        return new FieldSpec(name, label, type, required, value, secret, options, min, max, description, templated,
                endpoint);
    }

    /** The same field, accepting {@code {{variable}}} references (a text field such as a prefix or a path). */
    public FieldSpec withTemplates() {
        return new FieldSpec(name, label, type, required, defaultValue, secret, options, min, max, description, true,
                endpoint);
    }

    /** The same field, declared part of the endpoint that stored secrets are bound to. */
    public FieldSpec asEndpoint() {
        return new FieldSpec(name, label, type, required, defaultValue, secret, options, min, max, description,
                templated, true);
    }
}
