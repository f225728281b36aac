package io.dtaas.controlplane.task;

import io.dtaas.connect.Role;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.engine.TargetPreview;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.job.TransferConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a task's tables will land, for a draft in the builder or a stored task: the source picks and qualifies
 * the tables, the destination names each target by the rule a run applies ({@link io.dtaas.engine.TargetTables}).
 */
@ApplicationScoped
public class TaskTargets {

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;

    public TaskTargets(ConnectorService connectors, ConnectorGateway gateway) {
        this.connectors = connectors;
        this.gateway = gateway;
    }

    /** A draft: needs source_connector_id, destination_connector_id and config.tables; other fields are ignored. */
    public TargetsView draft(TaskRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with source_connector_id, destination_connector_id and config is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        TaskValidator.connector("source_connector_id", request.sourceConnectorId(), null, Role.SOURCE, problems);
        TaskValidator.connector("destination_connector_id", request.destinationConnectorId(), null, Role.DESTINATION,
                problems);
        TransferConfig config = null;
        try {
            config = TransferConfig.from(request.config() == null ? Map.of() : request.config());
            if (config.tables().isEmpty()) {
                problems.add(new FieldProblem("config.tables", "at least one table (or pattern) is required"));
            }
        } catch (ConfigError e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return resolve(request.sourceConnectorId(), request.destinationConnectorId(), config);
    }

    public TargetsView stored(long taskId) {
        TaskDefinition task = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> TaskDefinition.of(TaskService.require(taskId)));
        return resolve(task.sourceConnectorId(), task.destinationConnectorId(), TransferConfig.from(task.config()));
    }

    private TargetsView resolve(long sourceId, long destinationId, TransferConfig config) {
        ConnectorService.Resolved source = connectors.resolve(sourceId);
        ConnectorService.Resolved destination = connectors.resolve(destinationId);
        TargetPreview.Selection selection = gateway.selectTables(source.connector(), source.values(), config.tables(),
                config.excludeTables());
        try {
            return new TargetsView(gateway.locateTables(destination.connector(), destination.values(),
                    config.targetSchema(), selection), null);
        } catch (ConfigError unresolved) {
            // e.g. a local-files path with {{variables}}: the folder is only known when a run renders it
            List<TargetPreview.Target> names = selection.tables().stream()
                    .map(t -> new TargetPreview.Target(t.toString(), t.toString(), null)).toList();
            return new TargetsView(names, "locations are resolved when the task runs: " + unresolved.getMessage());
        }
    }
}
