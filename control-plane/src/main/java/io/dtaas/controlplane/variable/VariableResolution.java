package io.dtaas.controlplane.variable;

import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.error.ConfigError;
import io.dtaas.error.NotFoundError;
import io.dtaas.variables.ExecutionContext;
import io.dtaas.variables.VariableDefinition;
import io.dtaas.variables.VariableResolver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The resolve endpoints: a variable's value now, as an execution of {@code task_id} would see it (there is no
 * execution: {@code execution.id} is null and times are now). Queries reach customer databases only through the
 * {@link ConnectorGateway}.
 */
@ApplicationScoped
public class VariableResolution {

    private final VariableService variables;
    private final ConnectorService connectors;
    private final ConnectorGateway gateway;

    public VariableResolution(VariableService variables, ConnectorService connectors, ConnectorGateway gateway) {
        this.variables = variables;
        this.connectors = connectors;
        this.gateway = gateway;
    }

    /** @param taskId the task whose context to resolve for, or null */
    public ResolvedValue resolveStored(long id, Long taskId) {
        VariableEntity e = QuarkusTransaction.requiringNew().call(() -> VariableService.require(id));
        return resolve(e.name, VariableDefinition.from(e.variableType, e.config), taskId);
    }

    public ResolvedValue resolveUnsaved(VariableRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with variable_type and config is required");
        }
        String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
        return resolve(name, variables.definitionOf(request), request.taskId());
    }

    private ResolvedValue resolve(String name, VariableDefinition definition, Long taskId) {
        ExecutionContext.TaskFacts task = taskId == null ? null : taskFacts(taskId);
        VariableResolver resolver = new VariableResolver((connectorId, sql, timeout) -> {
            Long target = connectorId != null ? connectorId : task == null ? null : task.source().id();
            if (target == null) {
                throw new ConfigError("config.connector_id", "is needed to resolve without a task: a db_query without"
                        + " connector_id runs on the source connector of the task using it; give connector_id or task_id");
            }
            ConnectorService.Resolved c = connectors.resolve(target);
            return gateway.queryValue(c.connector(), c.values(), sql, timeout);
        });
        return ResolvedValue.of(name, resolver.resolve(name == null ? "unsaved" : name, definition,
                new ExecutionContext(task, null, Instant.now())));
    }

    private ExecutionContext.TaskFacts taskFacts(long taskId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity t = TaskEntity.findById(taskId);
            if (t == null) {
                throw new NotFoundError("task " + taskId + " not found");
            }
            return ContextFacts.of(t, connectors.resolve(t.sourceConnectorId), connectors.resolve(t.destinationConnectorId));
        });
    }
}
