package io.dtaas.connect;

import io.dtaas.error.FieldProblem;
import io.dtaas.secret.Secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binds stored secrets to the endpoint they were stored with. A request that reuses a stored connector's settings
 * (an update, or a connection test with {@code connector_id}) and changes any of the type's
 * {@linkplain FieldSpec#endpoint() endpoint fields} must give every stored secret again: sent back masked or left
 * out, a secret would otherwise travel to a host, port, URL or TLS setting of the caller's choice.
 */
public final class SecretBinding {

    private SecretBinding() {
    }

    /**
     * @param stored  the stored settings, secrets included (revealed)
     * @param changes the request's settings as sent: a secret may be {@link Secret#MASK} (keep), absent (keep) or
     *                null (remove)
     * @param path    how the request names the settings, e.g. {@code connection_config}
     * @return one problem per stored secret that would be reused with a changed endpoint; empty when none
     */
    public static List<FieldProblem> check(ConnectorType type, Map<String, ?> stored, Map<String, ?> changes, String path) {
        List<String> changed = changedEndpointFields(type, stored, changes);
        if (changed.isEmpty()) {
            return List.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldSpec secret : type.secretFields()) {
            String name = secret.name();
            boolean storedValue = stored.get(name) != null;
            boolean givenAnew = changes.containsKey(name) && !Secret.MASK.equals(changes.get(name));
            if (storedValue && !givenAnew) {
                problems.add(new FieldProblem(path + "." + name, "must be given again because "
                        + describe(changed) + " changed; a stored secret is only sent to the endpoint it was stored with"));
            }
        }
        return problems;
    }

    /** Endpoint fields whose effective value (defaults applied) differs between the stored and requested settings. */
    static List<String> changedEndpointFields(ConnectorType type, Map<String, ?> stored, Map<String, ?> changes) {
        List<String> changed = new ArrayList<>();
        for (FieldSpec field : type.endpointFields()) {
            Object before = effective(field, stored.get(field.name()));
            Object after = changes.containsKey(field.name()) ? effective(field, changes.get(field.name())) : before;
            if (!Objects.equals(normalise(before), normalise(after))) {
                changed.add(field.name());
            }
        }
        return changed;
    }

    private static Object effective(FieldSpec field, Object value) {
        boolean blank = value == null || (value instanceof String s && s.isBlank());
        return blank ? field.defaultValue() : value;
    }

    /** Integers compare by value whatever their boxed type; text as the connectors use it (trimmed). */
    private static Object normalise(Object value) {
        if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
            return n.longValue();
        }
        return value instanceof String s ? s.strip() : value;
    }

    private static String describe(List<String> fields) {
        if (fields.size() == 1) {
            return fields.get(0);
        }
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.get(fields.size() - 1);
    }
}
