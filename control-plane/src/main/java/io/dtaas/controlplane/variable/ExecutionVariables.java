package io.dtaas.controlplane.variable;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.SqlLiterals;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.task.TaskEntity;
import io.dtaas.job.JobSpec;
import io.dtaas.job.TransferConfig;
import io.dtaas.variables.ExecutionContext;
import io.dtaas.variables.ResolvedVariables;
import io.dtaas.variables.VariableReferences;
import io.dtaas.variables.VariableResolver;
import io.dtaas.variables.VariableValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves an execution's variables once, where the execution runs (the runner reaches the customer databases;
 * the control-plane may not), and applies them: custom queries get typed SQL literals of the source database,
 * the destination's templated fields (S3 prefix, directory path) get path segments.
 */
@ApplicationScoped
public class ExecutionVariables {

    private final ConnectorService connectors;
    private final VariableCatalog catalog;

    public ExecutionVariables(ConnectorService connectors, VariableCatalog catalog) {
        this.connectors = connectors;
        this.catalog = catalog;
    }

    /**
     * The job's settings with every {@code {{name}}} rendered, and the values used (to record on the execution).
     *
     * @param variables empty when the task uses none
     */
    public record Applied(TransferConfig config, ConfigValues destination, ResolvedVariables variables) {
    }

    /** @throws io.dtaas.error.DtaasException naming the variable or field when resolving or rendering fails */
    public Applied apply(JobSpec job, ConnectorService.Resolved source, ConnectorService.Resolved destination,
                         Instant startedAt) {
        SqlLiterals sourceSql = SourceLexicon.of(source.connector());
        List<VariableReferences.Use> uses = new java.util.ArrayList<>(VariableReferences.inTask(job.config().queries(),
                job.config().transformations(), sourceSql.lexicon()));
        uses.addAll(VariableReferences.inConnector(destination.values().type(), destination.values().revealAll(),
                "connection_config"));
        Set<String> names = VariableReferences.names(uses);
        if (names.isEmpty()) {
            return new Applied(job.config(), destination.values(), ResolvedVariables.NONE);
        }
        ExecutionContext context = QuarkusTransaction.requiringNew().call(() -> new ExecutionContext(
                ContextFacts.of(task(job), source, destination), job.executionId(), startedAt));
        VariableResolver resolver = new VariableResolver((connectorId, sql, timeout) -> {
            ConnectorService.Resolved target = connectorId == null ? source
                    : QuarkusTransaction.requiringNew().call(() -> connectors.resolve(connectorId));
            Object value = target.connector().browser(target.values())
                    .singleValue(null, sql, (int) Math.max(1, timeout.toSeconds()));
            try {
                return VariableValue.of(value);
            } catch (IllegalArgumentException e) {
                throw new io.dtaas.error.ConfigError("sql", e.getMessage());
            }
        });
        ResolvedVariables values = resolver.resolveAll(names, catalog.definitions(), context);
        Map<String, String> queries = new LinkedHashMap<>();
        job.config().queries().forEach((table, sql) -> queries.put(table,
                values.sql(sql, sourceSql, "config.queries." + table)));
        return new Applied(job.config().withQueries(queries), renderDestination(destination.values(), values), values);
    }

    private static ConfigValues renderDestination(ConfigValues settings, ResolvedVariables values) {
        Map<String, Object> rendered = new LinkedHashMap<>(settings.revealAll());
        boolean changed = false;
        for (FieldSpec field : settings.type().fields()) {
            if (field.templated() && rendered.get(field.name()) instanceof String s && s.contains("{{")) {
                rendered.put(field.name(), values.path(s, "connection_config." + field.name()));
                changed = true;
            }
        }
        return changed ? ConfigValidator.validate(settings.type(), rendered, "connection_config") : settings;
    }

    private static TaskEntity task(JobSpec job) {
        TaskEntity t = TaskEntity.findById(job.taskId());
        if (t == null) {
            throw new io.dtaas.error.NotFoundError("task " + job.taskId() + " not found");
        }
        return t;
    }
}
