package io.dtaas.controlplane.variable;

import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.variables.VariableReferences;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.google.re2j.Pattern;

/**
 * Who uses a variable: a task's custom queries or transformation settings, or a connector's templated fields
 * (a prefix, a path). Deleting or renaming a variable in use is refused, so no task breaks silently. The
 * search is textual (a use inside a SQL comment counts too): it errs on the side of keeping the variable.
 */
@ApplicationScoped
public class VariableUsage {

    private final ConnectorRegistry registry;

    public VariableUsage(ConnectorRegistry registry) {
        this.registry = registry;
    }

    /** The first user of {@code name}, described for a 409, e.g. {@code task 'nightly' (id 3) in config.queries}. */
    public Optional<String> firstUser(String name) {
        Pattern use = Pattern.compile("\\{\\{\\s*" + Pattern.quote(name) + "\\s*}}");
        List<TaskEntity> tasks = TaskEntity.listAll(Sort.by("id"));
        for (TaskEntity t : tasks) {
            Map<String, Object> config = t.config == null ? Map.of() : t.config;
            for (String key : List.of("queries", "transformations")) {
                if (mentions(config.get(key), use)) {
                    return Optional.of("task '" + t.name + "' (id " + t.id + ") in config." + key);
                }
            }
        }
        List<ConnectorEntity> connectors = ConnectorEntity.listAll(Sort.by("id"));
        for (ConnectorEntity c : connectors) {
            var type = registry.find(c.typeId);
            if (type.isEmpty() || c.connectionConfig == null) {
                continue;
            }
            List<VariableReferences.Use> uses = usesOrNone(() -> VariableReferences.inConnector(type.get().type(),
                    c.connectionConfig, "connection_config"));
            for (VariableReferences.Use u : uses) {
                if (u.names().contains(name)) {
                    return Optional.of("connector '" + c.name + "' (id " + c.id + ") in " + u.field());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean mentions(Object value, Pattern use) {
        return switch (value) {
            case String s -> use.matcher(s).find();
            case Map<?, ?> m -> m.values().stream().anyMatch(v -> mentions(v, use));
            case List<?> l -> l.stream().anyMatch(v -> mentions(v, use));
            case null, default -> false;
        };
    }

    private static List<VariableReferences.Use> usesOrNone(java.util.function.Supplier<List<VariableReferences.Use>> find) {
        try {
            return find.get();
        } catch (RuntimeException malformed) {
            return List.of(); // stored before templates were checked; it cannot be resolved anyway
        }
    }
}
