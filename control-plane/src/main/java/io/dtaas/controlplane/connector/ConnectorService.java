package io.dtaas.controlplane.connector;

import io.dtaas.variables.VariableReferences;
import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Role;
import io.dtaas.connect.SecretBinding;
import io.dtaas.controlplane.api.ConflictException;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Creates, changes, tests and deletes connectors; every write is validated whole before anything is stored. */
@ApplicationScoped
public class ConnectorService {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;

    private final ConnectorRegistry registry;
    private final ConnectorSettings settings;
    private final ConnectorGateway gateway;

    public ConnectorService(ConnectorRegistry registry, ConnectorSettings settings, ConnectorGateway gateway) {
        this.registry = registry;
        this.settings = settings;
        this.gateway = gateway;
    }

    public List<ConnectorView> list() {
        List<ConnectorEntity> all = ConnectorEntity.listAll(Sort.by("id"));
        return all.stream().map(this::view).toList();
    }

    public ConnectorView get(long id) {
        return view(require(id));
    }

    @Transactional
    public ConnectorView create(ConnectorRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with name, connector_type and connection_config is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = checkName(request.name(), true, problems);
        checkDescription(request.description(), problems);
        Typed typed = resolveType(request.connectorType(), request.sourceType(), request.destinationType(), problems);
        Map<String, Object> config = request.connectionConfig() == null ? Map.of() : request.connectionConfig();
        ConfigValues values = typed == null ? null
                : validateSettings(typed, ConnectorSettings.merge(Map.of(), config, typed.connector.type()), problems);
        if (values != null) {
            templateSyntax(typed.connector.type(), values.revealAll(), problems);
        }
        throwIfAny(problems);
        requireFreeName(name, null);
        ConnectorEntity e = new ConnectorEntity();
        e.name = name;
        e.description = request.description();
        e.connectorType = typed.role.wireName();
        e.typeId = typed.connector.type().id();
        e.active = request.isActive() == null || request.isActive();
        settings.store(e, typed.connector.type(), values.revealAll());
        e.createdAt = now();
        e.updatedAt = e.createdAt;
        e.persist();
        return view(e);
    }

    @Transactional
    public ConnectorView update(long id, ConnectorRequest request) {
        ConnectorEntity e = require(id);
        if (request == null) {
            throw new ConfigError("body", "a JSON object with the fields to change is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name() == null ? e.name : checkName(request.name(), true, problems);
        checkDescription(request.description(), problems);
        // Without a new source_type/destination_type the current type id stays, under the (possibly new) role.
        String connectorType = coalesce(request.connectorType(), e.connectorType);
        boolean typeIdGiven = request.sourceType() != null || request.destinationType() != null;
        String sourceType = typeIdGiven ? request.sourceType()
                : Role.SOURCE.wireName().equals(connectorType) ? e.typeId : null;
        String destinationType = typeIdGiven ? request.destinationType()
                : Role.DESTINATION.wireName().equals(connectorType) ? e.typeId : null;
        Typed typed = resolveType(connectorType, sourceType, destinationType, problems);
        ConfigValues values = null;
        if (typed != null) {
            requireUnusedForTypeChange(e, typed);
            Map<String, Object> changes = request.connectionConfig() == null ? Map.of() : request.connectionConfig();
            Map<String, Object> base = Map.of();
            if (typed.connector.type().id().equals(e.typeId)) {
                base = settings.revealed(e);
                problems.addAll(SecretBinding.check(typed.connector.type(), base, changes, "connection_config"));
            }
            values = validateSettings(typed, ConnectorSettings.merge(base, changes, typed.connector.type()), problems);
        }
        if (values != null) {
            templateSyntax(typed.connector.type(), values.revealAll(), problems);
        }
        throwIfAny(problems);
        requireFreeName(name, e.id);
        e.name = name;
        if (request.description() != null) {
            e.description = request.description();
        }
        if (request.isActive() != null) {
            e.active = request.isActive();
        }
        boolean settingsChange = !typed.connector.type().id().equals(e.typeId)
                || !values.revealAll().equals(settings.values(e, typed.connector.type()).revealAll());
        e.connectorType = typed.role.wireName();
        e.typeId = typed.connector.type().id();
        settings.store(e, typed.connector.type(), values.revealAll());
        if (settingsChange) {
            // the last test was of other settings (e.g. the wrong password): it says nothing about these
            e.lastTestStatus = null;
            e.lastTestMessage = null;
            e.lastTestedAt = null;
        }
        e.updatedAt = now();
        return view(e);
    }

    @Transactional
    public void delete(long id) {
        ConnectorEntity e = require(id);
        long uses = taskUses(id);
        if (uses > 0) {
            throw new ConflictException("connector " + id + " is used by " + uses + " task(s); delete or change them first");
        }
        e.delete();
    }

    /** A connector's role and type are what its tasks were validated against: they stay while any task uses it. */
    private static void requireUnusedForTypeChange(ConnectorEntity e, Typed typed) {
        boolean roleChanges = !typed.role.wireName().equals(e.connectorType);
        boolean typeChanges = !typed.connector.type().id().equals(e.typeId);
        if (!roleChanges && !typeChanges) {
            return;
        }
        long uses = taskUses(e.id);
        if (uses > 0) {
            String what = roleChanges ? "connector_type (" + e.connectorType + " to " + typed.role.wireName() + ")"
                    : typed.role.typeField() + " (" + e.typeId + " to " + typed.connector.type().id() + ")";
            throw new ConflictException("connector " + e.id + " is used by " + uses + " task(s): its " + what
                    + " cannot change; delete or change the tasks first");
        }
    }

    private static long taskUses(long id) {
        return ConnectorEntity.getEntityManager()
                .createQuery("select count(t) from TaskEntity t where t.sourceConnectorId = ?1 or t.destinationConnectorId = ?1",
                        Long.class).setParameter(1, id).getSingleResult();
    }

    /** Tests settings that may not be stored yet; masked secrets come from {@code connector_id} when given. */
    public CheckResult test(ConnectorTestRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with connector_type and connection_config is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Typed typed = resolveType(request.connectorType(), request.sourceType(), request.destinationType(), problems);
        throwIfAny(problems);
        Map<String, Object> changes = request.connectionConfig() == null ? Map.of() : request.connectionConfig();
        Map<String, Object> base = Map.of();
        if (request.connectorId() != null) {
            ConnectorEntity stored = require(request.connectorId());
            if (stored.typeId.equals(typed.connector.type().id())) {
                base = settings.revealed(stored);
                // refused before anything connects: stored secrets only ever go to the stored endpoint
                problems.addAll(SecretBinding.check(typed.connector.type(), base, changes, "connection_config"));
            }
        }
        ConfigValues values = validateSettings(typed, ConnectorSettings.merge(base, changes, typed.connector.type()),
                problems);
        throwIfAny(problems);
        return gateway.check(typed.connector, values);
    }

    /** Tests a stored connector and records the outcome on it. */
    public CheckResult testStored(long id) {
        ConnectorEntity e = require(id);
        Connector connector = registry.require(Role.fromWire(e.connectorType), e.typeId);
        CheckResult result = gateway.check(connector, settings.values(e, connector.type()));
        recordTest(id, result);
        return result;
    }

    @Transactional
    void recordTest(long id, CheckResult result) {
        ConnectorEntity e = require(id);
        e.lastTestStatus = result.success() ? "ok" : "failed";
        String message = result.message() == null ? "" : result.message();
        e.lastTestMessage = message.length() > MAX_DESCRIPTION ? message.substring(0, MAX_DESCRIPTION) : message;
        e.lastTestedAt = now();
    }

    /** The connector and its validated settings, for the browser and the engine. */
    public Resolved resolve(long id) {
        ConnectorEntity e = require(id);
        Connector connector = registry.require(Role.fromWire(e.connectorType), e.typeId);
        return new Resolved(e.id, connector, settings.values(e, connector.type()));
    }

    /** A stored connector ready to use. */
    public record Resolved(long id, Connector connector, ConfigValues values) {
    }

    private record Typed(Role role, Connector connector) {
    }

    private Typed resolveType(String connectorType, String sourceType, String destinationType, List<FieldProblem> problems) {
        Role role = connectorType == null ? null : Role.fromWire(connectorType);
        if (role == null) {
            problems.add(new FieldProblem("connector_type", connectorType == null ? "is required; one of [source, destination]"
                    : "unknown value '" + connectorType + "'; expected one of [source, destination]"));
            return null;
        }
        String typeId = role == Role.SOURCE ? sourceType : destinationType;
        String other = role == Role.SOURCE ? destinationType : sourceType;
        if (other != null) {
            String otherField = role == Role.SOURCE ? "destination_type" : "source_type";
            problems.add(new FieldProblem(otherField, "must be absent for a " + role.wireName() + " connector; use "
                    + role.typeField()));
        }
        try {
            return new Typed(role, registry.require(role, typeId));
        } catch (ConfigError e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private ConfigValues validateSettings(Typed typed, Map<String, Object> config, List<FieldProblem> problems) {
        try {
            ConfigValues values = ConfigValidator.validate(typed.connector.type(), config, "connection_config");
            typed.connector.validate(values);
            return values;
        } catch (ConfigError e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static String checkName(String raw, boolean required, List<FieldProblem> problems) {
        String name = raw == null ? null : raw.strip();
        if (name == null || name.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem("name", "is required"));
            }
            return name;
        }
        if (name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters (got " + name.length() + ")"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem("name", "must not contain control characters"));
        }
        return name;
    }

    private static void checkDescription(String description, List<FieldProblem> problems) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem("description", "must be at most " + MAX_DESCRIPTION + " characters (got "
                    + description.length() + ")"));
        }
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
    }

    private static void requireFreeName(String name, Long self) {
        ConnectorEntity.findByNameIgnoreCase(name)
                .filter(other -> !other.id.equals(self))
                .ifPresent(other -> {
                    throw new ConflictException("a connector named '" + other.name + "' already exists (id " + other.id + ")");
                });
    }

    private static ConnectorEntity require(long id) {
        ConnectorEntity e = ConnectorEntity.findById(id);
        if (e == null) {
            throw new NotFoundError("connector " + id + " not found");
        }
        return e;
    }

    /** Microsecond precision, as PostgreSQL stores it, so a fresh answer equals a later read. */
    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static String coalesce(String a, String b) {
        return a != null ? a : b;
    }

    private ConnectorView view(ConnectorEntity e) {
        boolean source = Role.SOURCE.wireName().equals(e.connectorType);
        String status = e.lastTestStatus == null ? "untested" : e.lastTestStatus;
        return new ConnectorView(e.id, e.name, e.description, e.connectorType, source ? e.typeId : null,
                source ? null : e.typeId, settings.masked(e), e.active, status, e.lastTestMessage, e.lastTestedAt,
                e.createdAt, e.updatedAt);
    }

    /**
     * A connector's templated settings (S3 prefix, directory path), named {@code connection_config.<field>}: its
     * templates are well formed and only in fields that take them. Names need not be defined yet (as a connection
     * test renders them): a task using the connector is refused while one is unknown.
     */
    private static void templateSyntax(ConnectorType type, Map<String, ?> settings, List<FieldProblem> problems) {
        try {
            VariableReferences.inConnector(type, settings, "connection_config");
        } catch (ConfigError e) {
            problems.addAll(e.problems());
        }
    }
}
