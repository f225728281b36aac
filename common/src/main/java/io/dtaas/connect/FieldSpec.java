package io.dtaas.connect;

import java.util.List;

/**
 * One declared connection field of a connector type. The declarations drive validation, secret masking and
 * the dashboard's forms, so each field is declared exactly once, in its connector's package.
 *
 * @param defaultValue value used when the field is absent (null: none)
 * @param secret       encrypted at rest, masked in every response, write-only in forms
 * @param options      allowed values of an {@link FieldType#ENUM} field
 * @param min          inclusive lower bound of an {@link FieldType#INTEGER} field (null: none)
 * @param max          inclusive upper bound of an {@link FieldType#INTEGER} field (null: none)
 * @param templated    may hold {@code {{variable}}} references, rendered as text when a transfer starts
 */
public record FieldSpec(String name, String label, FieldType type, boolean required, Object defaultValue,
                        boolean secret, List<String> options, Integer min, Integer max, String description,
                        boolean templated) {

    public FieldSpec {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static FieldSpec string(String name, String label, boolean required, String description) {
        return new FieldSpec(name, label, FieldType.STRING, required, null, false, null, null, null, description, false);
    }

    public static FieldSpec secret(String name, String label, boolean required, String description) {
        return new FieldSpec(name, label, FieldType.STRING, required, null, true, null, null, null, description, false);
    }

    public static FieldSpec port(int defaultPort) {
        return new FieldSpec("port", "Port", FieldType.INTEGER, false, defaultPort, false, null, 1, 65535,
                "TCP port of the server", false);
    }

    public static FieldSpec integer(String name, String label, int defaultValue, int min, int max, String description) {
        return new FieldSpec(name, label, FieldType.INTEGER, false, defaultValue, false, null, min, max, description,
                false);
    }

    public static FieldSpec bool(String name, String label, boolean defaultValue, String description) {
        return new FieldSpec(name, label, FieldType.BOOLEAN, false, defaultValue, false, null, null, null, description,
                false);
    }

    public static FieldSpec choice(String name, String label, String defaultValue, List<String> options,
                                   String description) {
        return new FieldSpec(name, label, FieldType.ENUM, false, defaultValue, false, options, null, null, description,
                false);
    }

    public FieldSpec withDefault(Object value) {
        return new FieldSpec(name, label, type, required, value, secret, options, min, max, description, templated);
    }

    /** The same field, accepting {@code {{variable}}} references (a text field such as a prefix or a path). */
    public FieldSpec withTemplates() {
        return new FieldSpec(name, label, type, required, defaultValue, secret, options, min, max, description, true);
    }
}
