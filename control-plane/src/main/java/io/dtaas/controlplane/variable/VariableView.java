package io.dtaas.controlplane.variable;

import java.time.Instant;
import java.util.Map;

/** A variable as the API shows it. */
public record VariableView(long id, String name, String description, String variableType, Map<String, Object> config,
                           Instant createdAt, Instant updatedAt) {

    static VariableView of(VariableEntity e) {
        return new VariableView(e.id, e.name, e.description, e.variableType, e.config, e.createdAt, e.updatedAt);
    }
}
