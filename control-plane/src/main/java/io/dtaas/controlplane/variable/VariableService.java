package io.dtaas.controlplane.variable;

import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.controlplane.api.ConflictException;
import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.controlplane.metadata.StoredTime;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.variables.VariableDefinition;
import io.dtaas.variables.VariableNames;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates, lists, changes and deletes global variables. A write is validated whole (name, type, the type's
 * settings, the db_query connector) before anything is stored; deleting or renaming a variable in use is a 409
 * naming its user.
 */
@ApplicationScoped
public class VariableService {

    static final int MAX_DESCRIPTION = 2000;

    private final ConnectorRegistry registry;
    private final VariableUsage usage;

    public VariableService(ConnectorRegistry registry, VariableUsage usage) {
        this.registry = registry;
        this.usage = usage;
    }

    public List<VariableView> list() {
        List<VariableEntity> all = VariableEntity.listAll(Sort.by("id"));
        return all.stream().map(VariableView::of).toList();
    }

    public VariableView get(long id) {
        return VariableView.of(require(id));
    }

    public VariableView create(VariableRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with name, variable_type and config is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = checkName(request.name(), problems);
        checkDescription(request.description(), problems);
        VariableDefinition definition = definition(request.typeGiven(), request, problems);
        throwIfAny(problems);
        return QuarkusTransaction.requiringNew().call(() -> {
            requireFreeName(name, null);
            VariableEntity e = new VariableEntity();
            e.name = name;
            e.description = request.description();
            e.variableType = definition.variableType();
            e.config = definition.config();
            e.createdAt = StoredTime.now();
            e.updatedAt = e.createdAt;
            e.persist();
            return VariableView.of(e);
        });
    }

    /** Absent fields stay; a given {@code config} (or short-form key) replaces the stored settings whole. */
    public VariableView update(long id, VariableRequest request) {
        if (request == null) {
            throw new ConfigError("body", "a JSON object with the fields to change is required");
        }
        VariableEntity current = QuarkusTransaction.requiringNew().call(() -> require(id));
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name() == null ? current.name : checkName(request.name(), problems);
        checkDescription(request.description(), problems);
        String type = request.typeGiven() != null ? request.typeGiven() : current.variableType;
        boolean settingsGiven = request.typeGiven() != null || request.configGiven(false) != null
                || request.value() != null;
        VariableDefinition definition = settingsGiven ? definition(type, request, problems)
                : VariableDefinition.from(current.variableType, current.config);
        throwIfAny(problems);
        return QuarkusTransaction.requiringNew().call(() -> {
            VariableEntity e = require(id);
            if (e.version != current.version) {
                throw new ConflictException("variable " + id + " was changed by another request meanwhile; reload it and retry");
            }
            if (!name.equals(e.name)) {
                usage.firstUser(e.name).ifPresent(user -> {
                    throw new ConflictException("variable '" + e.name + "' is used by " + user
                            + "; change that use before renaming the variable");
                });
                requireFreeName(name, id);
            }
            e.name = name;
            if (request.description() != null) {
                e.description = request.description();
            }
            e.variableType = definition.variableType();
            e.config = definition.config();
            e.updatedAt = StoredTime.now();
            return VariableView.of(e);
        });
    }

    public void delete(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            VariableEntity e = require(id);
            usage.firstUser(e.name).ifPresent(user -> {
                throw new ConflictException("variable '" + e.name + "' is used by " + user
                        + "; remove that use before deleting the variable");
            });
            e.delete();
        });
    }

    /** The definition a request describes (for resolving it unsaved). @throws ConfigError naming each bad field */
    VariableDefinition definitionOf(VariableRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        VariableDefinition definition = definition(request.typeGiven(), request, problems);
        throwIfAny(problems);
        return definition;
    }

    static VariableEntity require(long id) {
        VariableEntity e = VariableEntity.findById(id);
        if (e == null) {
            throw new NotFoundError("variable " + id + " not found");
        }
        return e;
    }

    private VariableDefinition definition(String type, VariableRequest request, List<FieldProblem> problems) {
        try {
            VariableDefinition d = VariableDefinition.from(type, request.configGiven("static".equals(type)));
            if (d instanceof VariableDefinition.DbQuery q && q.connectorId() != null) {
                checkQueryConnector(q.connectorId(), problems);
            }
            return d;
        } catch (ConfigError e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** A db_query's connector must exist and hold a database (not S3 or a directory). */
    private void checkQueryConnector(long id, List<FieldProblem> problems) {
        ConnectorEntity c = QuarkusTransaction.joiningExisting().call(() -> ConnectorEntity.findById(id));
        if (c == null) {
            problems.add(new FieldProblem("config.connector_id", "connector " + id + " not found"));
            return;
        }
        if (registry.find(c.typeId).filter(connector -> connector.type().browsable()).isEmpty()) {
            problems.add(new FieldProblem("config.connector_id", "connector " + id + " (" + c.typeId
                    + ") has no database to query"));
        }
    }

    private static String checkName(String raw, List<FieldProblem> problems) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (!VariableNames.isValid(name)) {
            problems.add(new FieldProblem("name", "'" + name + "' is not a valid variable name: use " + VariableNames.RULE));
        }
        return name;
    }

    private static void checkDescription(String description, List<FieldProblem> problems) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem("description", "must be at most " + MAX_DESCRIPTION + " characters (got "
                    + description.length() + ")"));
        }
    }

    private static void requireFreeName(String name, Long self) {
        VariableEntity.findByName(name).filter(other -> !other.id.equals(self)).ifPresent(other -> {
            throw new ConflictException("a variable named '" + other.name + "' already exists (id " + other.id + ")");
        });
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
    }
}
