package io.dtaas.controlplane.task;

import io.dtaas.connect.Role;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.engine.TargetPreview;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.job.JobKind;
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
    private final SourceTables sourceTables;
    private final RunRequirements requirements;

    public TaskTargets(ConnectorService connectors, ConnectorGateway gateway, SourceTables sourceTables,
                       RunRequirements requirements) {
        this.connectors = connectors;
        this.gateway = gateway;
        this.sourceTables = sourceTables;
        this.requirements = requirements;
    }

    /**
     * A draft: needs source_connector_id, destination_connector_id and config.tables. With {@code mode} (and
     * config.write_mode) the answer also lists what saving would refuse about its tables: missing, selected twice,
     * no primary key where rows are applied by key, a source not ready for change data capture.
     */
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
        TargetsView targets = resolve(request.sourceConnectorId(), request.destinationConnectorId(), config);
        return targets.withProblems(problems(request, config));
    }

    private List<FieldProblem> problems(TaskRequest request, TransferConfig config) {
        List<FieldProblem> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        sourceTables.check(request.sourceConnectorId(), config.tables(), found, warnings);
        JobKind mode = request.mode() == null ? null : JobKind.fromWire(request.mode());
        if (mode != null && found.isEmpty() && warnings.isEmpty()) {
            requirements.check(request.sourceConnectorId(), request.destinationConnectorId(), mode, config, found, warnings);
        }
        return found;
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
                    config.targetSchema(), selection), null, List.of());
        } catch (ConfigError unresolved) {
            // e.g. a local-files path with {{variables}}: the folder is only known when a run renders it
            List<TargetPreview.Target> names = selection.tables().stream()
                    .map(t -> new TargetPreview.Target(t.toString(), t.toString(), null)).toList();
            return new TargetsView(names, "locations are resolved when the task runs: " + unresolved.getMessage(),
                    List.of());
        }
    }
}
