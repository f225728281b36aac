package io.dtaas.controlplane.task;

import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.Role;
import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.controlplane.variable.TemplateChecks;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.TransientError;
import io.dtaas.job.JobKind;
import io.dtaas.job.TransferConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates a whole task request, merged with the stored task on update, collecting every problem so one
 * answer names all fields at fault. Reads connectors, and the source catalog when the tables or the source
 * change; stores nothing.
 */
@ApplicationScoped
public class TaskValidator {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    private static final List<String> MODES = Arrays.stream(JobKind.values()).map(JobKind::wireName).toList();

    private final SourceTables sourceTables;
    private final TemplateChecks templates;
    private final TaskTransformations transformations;
    private final TaskQueries queries;
    private final ConnectorRegistry registry;
    private final RunRequirements requirements;
    private final FileDestinationChecks files;

    public TaskValidator(SourceTables sourceTables, TemplateChecks templates, TaskTransformations transformations,
                         TaskQueries queries, ConnectorRegistry registry, RunRequirements requirements,
                         FileDestinationChecks files) {
        this.queries = queries;
        this.registry = registry;
        this.requirements = requirements;
        this.files = files;
        this.sourceTables = sourceTables;
        this.templates = templates;
        this.transformations = transformations;
    }

    /**
     * @param current  the stored task on update, null on create
     * @param warnings receives what could not be checked now (an unreachable source) and is checked at start
     * @throws ConfigError naming every field at fault
     */
    TaskDefinition validate(TaskRequest request, TaskDefinition current, List<String> warnings) {
        boolean create = current == null;
        if (request == null) {
            throw new ConfigError("body", create
                    ? "a JSON object with name, source_connector_id, destination_connector_id, mode and config is required"
                    : "a JSON object with the fields to change is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name() == null && !create ? current.name() : checkName(request.name(), problems);
        String description = request.description() == null ? (create ? null : current.description())
                : checkDescription(request.description(), problems);
        Long source = connector("source_connector_id", request.sourceConnectorId(),
                create ? null : current.sourceConnectorId(), Role.SOURCE, problems);
        Long destination = connector("destination_connector_id", request.destinationConnectorId(),
                create ? null : current.destinationConnectorId(), Role.DESTINATION, problems);
        JobKind mode = mode(request.mode(), create ? null : current.mode(), problems);
        ScheduleSettings schedule = schedule(request, current, mode, problems);
        if (source != null && mode != null) {
            captureOf(source, mode, problems);
        }
        Map<String, Object> config = mergeConfig(create ? Map.of() : current.config(), request.config());
        TransferConfig transfer = transferConfig(config, problems);
        boolean tablesChanged = create || !Objects.equals(current.config().get("tables"), config.get("tables"))
                || !Objects.equals(current.sourceConnectorId(), source);
        if (transfer != null && source != null && tablesChanged) {
            sourceTables.check(source, transfer.tables(), problems, warnings);
        }
        if (transfer != null) {
            templates.task(transfer, source, destination, problems);
            files.check(transfer, mode, destination, problems);
        }
        boolean transformationsChanged = tablesChanged || !Objects.equals(current.mode(), mode)
                || !Objects.equals(current.config().get("transformations"), config.get("transformations"))
                || !Objects.equals(current.config().get("queries"), config.get("queries"));
        if (transfer != null && transformationsChanged) {
            transformations.check(source, transfer, mode, problems, warnings);
        }
        boolean queriesChanged = tablesChanged || !Objects.equals(current.config().get("queries"), config.get("queries"));
        if (transfer != null && source != null && queriesChanged && problems.isEmpty()) {
            queries.check(source, transfer, problems, warnings);
        }
        boolean keysMatter = tablesChanged || !Objects.equals(current.mode(), mode)
                || !Objects.equals(current.destinationConnectorId(), destination)
                || !Objects.equals(current.config().get("write_mode"), config.get("write_mode"));
        if (transfer != null && source != null && destination != null && mode != null && keysMatter
                && problems.isEmpty() && warnings.isEmpty()) {
            requirements.check(source, destination, mode, transfer, problems, warnings);
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return new TaskDefinition(name, description, source, destination, mode, schedule, config);
    }

    /** The warning for a save whose source checks were deferred because the source could not be reached. */
    static String deferred(TransientError unreachable) {
        return "the source could not be reached (" + unreachable.getMessage() + "), so its tables and transformations"
                + " were not checked; they are checked when the task starts";
    }

    private static String checkName(String raw, List<FieldProblem> problems) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters (got " + name.length() + ")"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem("name", "must not contain control characters"));
        }
        return name;
    }

    private static String checkDescription(String description, List<FieldProblem> problems) {
        if (description.length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem("description", "must be at most " + MAX_DESCRIPTION + " characters (got "
                    + description.length() + ")"));
        }
        return description;
    }

    /** The connector id if it names a stored connector of the role; the stored id is re-checked too (roles can change). */
    static Long connector(String field, Long given, Long stored, Role role, List<FieldProblem> problems) {
        Long id = given != null ? given : stored;
        if (id == null) {
            problems.add(new FieldProblem(field, "is required: the id of a " + role.wireName() + " connector"));
            return null;
        }
        ConnectorEntity c = ConnectorEntity.findById(id);
        if (c == null) {
            problems.add(new FieldProblem(field, "connector " + id + " not found"));
            return null;
        }
        if (!role.wireName().equals(c.connectorType)) {
            problems.add(new FieldProblem(field, "connector " + id + " is a " + c.connectorType));
            return null;
        }
        return id;
    }

    /** A change-capture mode needs a source type that declares change capture (and, for the handoff, supports it). */
    private void captureOf(long sourceId, JobKind mode, List<FieldProblem> problems) {
        if (mode == JobKind.FULL_LOAD) {
            return;
        }
        String type = ConnectorEntity.<ConnectorEntity>findById(sourceId).typeId;
        Optional<ChangeCapture> capture = registry.find(type).flatMap(Connector::changeCapture);
        if (capture.isEmpty()) {
            problems.add(new FieldProblem("mode", mode.wireName() + " needs change data capture, which " + type
                    + " sources do not offer; use full_load"));
        } else if (mode == JobKind.FULL_LOAD_THEN_CDC && !capture.get().handsOverLoads()) {
            problems.add(new FieldProblem("mode", "full_load_then_cdc is not supported from " + type + " sources; use"
                    + " cdc, or a full_load task followed by a cdc task"));
        }
    }

    private static JobKind mode(String given, JobKind stored, List<FieldProblem> problems) {
        if (given == null) {
            if (stored == null) {
                problems.add(new FieldProblem("mode", "is required; one of " + MODES));
            }
            return stored;
        }
        JobKind mode = JobKind.fromWire(given);
        if (mode == null) {
            problems.add(new FieldProblem("mode", "unknown value '" + given + "'; expected one of " + MODES));
        }
        return mode;
    }

    private static ScheduleSettings schedule(TaskRequest request, TaskDefinition current, JobKind mode,
                                             List<FieldProblem> problems) {
        String storedType = current == null ? ScheduleType.ON_DEMAND.wireName() : current.schedule().type().wireName();
        String type = request.scheduleType() != null ? request.scheduleType() : storedType;
        Map<String, Object> settings = request.schedule();
        if (settings == null && request.scheduleType() == null && current != null) {
            settings = current.schedule().settings(); // unchanged, but re-checked: the mode may have changed
        }
        return ScheduleSettings.validate(type, settings, mode, problems);
    }

    private static Map<String, Object> mergeConfig(Map<String, Object> stored, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(stored);
        if (changes != null) {
            changes.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
        }
        return merged;
    }

    private static TransferConfig transferConfig(Map<String, Object> config, List<FieldProblem> problems) {
        try {
            TransferConfig transfer = TransferConfig.from(config);
            if (transfer.tables().isEmpty()) {
                problems.add(new FieldProblem("config.tables", "at least one table (or pattern) is required"));
                return null;
            }
            if (transfer.validationSchedule() != null) {
                CronExpression.problem(transfer.validationSchedule()).ifPresent(p -> problems.add(
                        new FieldProblem("config.validation_schedule", p + " (a cron expression in UTC)")));
            }
            return transfer;
        } catch (ConfigError e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
