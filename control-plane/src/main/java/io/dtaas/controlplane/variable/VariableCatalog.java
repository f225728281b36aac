package io.dtaas.controlplane.variable;

import io.dtaas.variables.VariableDefinition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stored variables as definitions, by name: what task validation and executions resolve against. */
@ApplicationScoped
public class VariableCatalog {

    /** Every stored variable; joins the caller's transaction or runs its own (engine threads have none). */
    public Map<String, VariableDefinition> definitions() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<VariableEntity> all = VariableEntity.listAll();
            Map<String, VariableDefinition> byName = new LinkedHashMap<>();
            all.forEach(e -> byName.put(e.name, VariableDefinition.from(e.variableType, e.config)));
            return byName;
        });
    }
}
