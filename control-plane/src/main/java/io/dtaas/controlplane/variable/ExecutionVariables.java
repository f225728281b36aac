package io.dtaas.controlplane.variable;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.SqlLiterals;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.job.JobSpec;
import io.dtaas.job.TransferConfig;
import io.dtaas.variables.ExecutionContext;
import io.dtaas.variables.ResolvedVariables;
import io.dtaas.variables.VariableReferences;
import io.dtaas.variables.VariableResolver;
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
    private final ConnectorGateway gateway;

    public ExecutionVariables(ConnectorService connectors, VariableCatalog catalog, ConnectorGateway gateway) {
        this.connectors = connectors;
        this.catalog = catalog;
        this.gateway = gateway;
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
        ConfigValues settings = withTaskSettings(destination.values(), job.config());
        List<VariableReferences.Use> uses = new java.util.ArrayList<>(VariableReferences.inTask(job.config().queries(),
                job.config().transformations(), sourceSql.lexicon()));
        uses.addAll(VariableReferences.inConnector(settings.type(), settings.revealAll(), "connection_config"));
        Set<String> names = VariableReferences.names(uses);
        if (names.isEmpty()) {
            return new Applied(job.config(), settings, ResolvedVariables.NONE);
        }
        ExecutionContext context = QuarkusTransaction.requiringNew().call(() -> new ExecutionContext(
                ContextFacts.of(task(job), source, destination), job.executionId(), startedAt));
        VariableResolver resolver = new VariableResolver((connectorId, sql, timeout) -> {
            ConnectorService.Resolved target = connectorId == null ? source
                    : QuarkusTransaction.requiringNew().call(() -> connectors.resolve(connectorId));
            return gateway.queryValue(target.connector(), target.values(), sql, timeout);
        });
        ResolvedVariables values = resolver.resolveAll(names, catalog.definitions(), context);
        Map<String, String> queries = new LinkedHashMap<>();
        job.config().queries().forEach((table, sql) -> queries.put(table,
                values.sql(sql, sourceSql, "config.queries." + table)));
        return new Applied(job.config().withQueries(queries), renderDestination(settings, values), values);
    }

    /** The destination's settings with those the task sets for itself ({@code partition_by}, file names) over them. */
    static ConfigValues withTaskSettings(ConfigValues destination, TransferConfig config) {
        Map<String, String> own = config.destinationSettings();
        if (own.isEmpty()) {
            return destination;
        }
        Map<String, Object> merged = new LinkedHashMap<>(destination.revealAll());
        merged.putAll(own);
        return ConfigValidator.validate(destination.type(), merged, "connection_config");
    }

    /**
     * The destination's templated settings as rendered for this execution and those the task sets for itself (never
     * secrets): what a worker applies.
     */
    public static Map<String, String> renderedFields(ConfigValues rendered) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldSpec field : rendered.type().fields()) {
            boolean applied = field.templated() || TransferConfig.DESTINATION_SETTINGS.contains(field.name());
            if (applied && !field.secret() && rendered.revealAll().get(field.name()) instanceof String s) {
                fields.put(field.name(), s);
            }
        }
        return fields;
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
