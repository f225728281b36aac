package io.dtaas.connect;

import io.dtaas.secret.Secret;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connection settings that passed {@link ConfigValidator}: every declared field has a value of its declared
 * type or is absent, defaults are applied, and secret fields are only reachable as {@link Secret}.
 */
public final class ConfigValues {

    private final ConnectorType type;
    private final Map<String, Object> values;

    ConfigValues(ConnectorType type, Map<String, Object> values) {
        this.type = type;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public ConnectorType type() {
        return type;
    }

    public String string(String name) {
        Object v = plain(name);
        return v == null ? null : v.toString();
    }

    public String string(String name, String fallback) {
        String v = string(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public int integer(String name) {
        Object v = plain(name);
        if (v == null) {
            throw new IllegalStateException("field " + name + " has no value and no default");
        }
        return ((Number) v).intValue();
    }

    public boolean bool(String name) {
        Object v = plain(name);
        return v != null && (Boolean) v;
    }

    /** The secret field's value, or null when it was not given. */
    public Secret secret(String name) {
        requireDeclared(name, true);
        Object v = values.get(name);
        return v == null ? null : Secret.of(v.toString());
    }

    /** Every value, defaults applied and secrets in plain text: only for storing them sealed. */
    public Map<String, Object> revealAll() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    private Object plain(String name) {
        requireDeclared(name, false);
        return values.get(name);
    }

    private void requireDeclared(String name, boolean secret) {
        FieldSpec spec = type.field(name).orElseThrow(
                () -> new IllegalArgumentException(type.id() + " declares no field " + name));
        if (spec.secret() != secret) {
            throw new IllegalArgumentException(type.id() + "." + name + (secret ? " is not secret" : " is secret"));
        }
    }
}
