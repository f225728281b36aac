package io.dtaas.variables;

import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.TransientError;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolves variables once for an execution (or a test): static values as given, context paths from the
 * {@link ExecutionContext}, db_query variables through a {@link QueryRunner} (one read-only statement, one value,
 * with its timeout). Each name is resolved at most once per call, whatever the number of uses.
 */
public final class VariableResolver {

    /** Runs a db_query variable's statement where the database can be reached. */
    @FunctionalInterface
    public interface QueryRunner {

        /**
         * @param connectorId the connector to query; null: the source connector of the task being run
         * @throws ConfigError naming {@code sql} when the statement fails or does not answer one value
         */
        VariableValue run(Long connectorId, String sql, Duration timeout);
    }

    private final QueryRunner queries;

    public VariableResolver(QueryRunner queries) {
        this.queries = queries;
    }

    /**
     * @param names       the names a task uses
     * @param definitions every stored variable by name
     * @throws ConfigError naming the variable when one is unknown or cannot be resolved
     */
    public ResolvedVariables resolveAll(Set<String> names, Map<String, VariableDefinition> definitions,
                                        ExecutionContext context) {
        Map<String, VariableValue> values = new LinkedHashMap<>();
        for (String name : names) {
            VariableDefinition definition = definitions.get(name);
            if (definition == null) {
                throw new ConfigError("variables", "unknown variable {{" + name + "}}; define it under /api/variables");
            }
            values.put(name, resolve(name, definition, context));
        }
        return new ResolvedVariables(values);
    }

    /**
     * @throws ConfigError whose message names the variable; its field is {@code config.query} for a failed
     *                     query and {@code task_id} for a context path that needs a task
     * @throws TransientError when a db_query's database cannot be reached (the message names the variable)
     */
    public VariableValue resolve(String name, VariableDefinition definition, ExecutionContext context) {
        return switch (definition) {
            case VariableDefinition.Static s -> s.value();
            case VariableDefinition.Context c -> c.path().valueIn(context);
            case VariableDefinition.DbQuery q -> query(name, q);
        };
    }

    private VariableValue query(String name, VariableDefinition.DbQuery q) {
        try {
            return queries.run(q.connectorId(), q.query(), Duration.ofSeconds(q.timeoutSeconds()));
        } catch (ConfigError e) {
            throw new ConfigError(e.problems().stream().map(p -> new FieldProblem(
                    "sql".equals(p.field()) ? "config.query" : p.field(),
                    "variable {{" + name + "}} (db_query): " + p.message())).toList());
        } catch (TransientError e) {
            throw new TransientError("variable {{" + name + "}} (db_query): " + e.getMessage(), null);
        } catch (NotFoundError e) {
            throw new ConfigError("config.connector_id", "variable {{" + name + "}} (db_query): " + e.getMessage());
        }
    }
}
