package io.dtaas.connect;

import io.dtaas.error.ConfigError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector types DTaaS knows, listed explicitly (no classpath scanning, so native images need no
 * configuration for it).
 */
public final class ConnectorRegistry {

    private final Map<String, Connector> byId = new LinkedHashMap<>();

    public ConnectorRegistry(List<Connector> connectors) {
        for (Connector c : connectors) {
            byId.put(c.type().id(), c);
        }
    }

    public List<ConnectorType> types() {
        return byId.values().stream().map(Connector::type).toList();
    }

    public List<String> idsFor(Role role) {
        return types().stream().filter(t -> t.roles().contains(role)).map(ConnectorType::id).toList();
    }

    public Optional<Connector> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The connector for a type id in a role.
     *
     * @throws ConfigError naming {@code source_type}/{@code destination_type} when unknown or not usable in the role
     */
    public Connector require(Role role, String typeId) {
        String field = role.typeField();
        if (typeId == null || typeId.isBlank()) {
            throw new ConfigError(field, "is required for a " + role.wireName() + " connector; one of " + idsFor(role));
        }
        Connector connector = byId.get(typeId);
        if (connector == null || !connector.type().roles().contains(role)) {
            throw new ConfigError(field, "unknown " + role.wireName() + " type '" + typeId + "'; expected one of "
                    + idsFor(role));
        }
        return connector;
    }
}
