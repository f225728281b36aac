package io.dtaas.controlplane.task;

import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.TransientError;
import io.dtaas.job.JobKind;
import io.dtaas.job.TransferConfig;
import io.dtaas.transform.TransformContext;
import io.dtaas.transform.TransformationChain;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Checks a task's {@code config.transformations} against its source: each list is bound, in order, to the
 * table's discovered schema (or its custom query's), so unknown columns, type mismatches and order mistakes
 * (using a name a rename replaced) are named as {@code config.transformations.<table>[i].config.<field>}.
 * Row-set types are refused for change data capture. Variables are not known yet, so {@code {{name}}} passes.
 */
@ApplicationScoped
public class TaskTransformations {

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;

    public TaskTransformations(ConnectorService connectors, ConnectorGateway gateway) {
        this.connectors = connectors;
        this.gateway = gateway;
    }

    /** Adds a problem per fault; an unreachable source is a TransientError (502), as for the tables check. */
    void check(Long sourceConnectorId, TransferConfig config, JobKind mode, List<FieldProblem> problems,
               List<String> warnings) {
        if (config.transformations().isEmpty()) {
            return;
        }
        ConnectorService.Resolved source = sourceConnectorId == null ? null : connectors.resolve(sourceConnectorId);
        for (Map.Entry<String, Object> entry : config.transformations().entrySet()) {
            String table = entry.getKey();
            String path = "config.transformations." + table;
            TransformationChain chain;
            try {
                chain = TransformationChain.parse(entry.getValue(), path);
            } catch (ConfigError shapeProblems) {
                continue; // already reported by TransferConfig
            }
            if (mode != null && mode != JobKind.FULL_LOAD) {
                for (int i : chain.rowSetIndexes()) {
                    problems.add(new FieldProblem(path + "[" + i + "].type", chain.transformations().get(i).type().wireName()
                            + " needs a table's whole row set and runs in full_load tasks only; a " + mode.wireName()
                            + " task applies changes row by row"));
                }
            }
            notSelected(config, table).ifPresent(message -> problems.add(new FieldProblem(path, message)));
            if (source != null && !chain.isEmpty() && warnings.isEmpty()) {
                try {
                    bind(source, config, table, chain, path, problems);
                } catch (TransientError unreachable) {
                    warnings.add(TaskValidator.deferred(unreachable));
                }
            }
        }
    }

    private void bind(ConnectorService.Resolved source, TransferConfig config, String table, TransformationChain chain,
                      String path, List<FieldProblem> problems) {
        TableSchema schema;
        try {
            String query = config.queries().containsKey(table) ? config.queries().get(table) : null;
            schema = gateway.describe(source.connector(), source.values(), table, query);
        } catch (NotFoundError e) {
            problems.add(new FieldProblem(path, "table '" + table + "' not found in the source"));
            return;
        } catch (ConfigError notReadable) {
            return; // a source that cannot be described here (or a refused query, reported elsewhere) is checked when it runs
        }
        try {
            chain.bind(schema, TransformContext.validation(Map.of()));
        } catch (ConfigError e) {
            problems.addAll(e.problems());
        }
    }

    /** A key naming none of the selected tables is a typo; with patterns among the tables it cannot be told. */
    private static java.util.Optional<String> notSelected(TransferConfig config, String key) {
        if (config.tables().stream().anyMatch(SourceTables::isPattern)) {
            return java.util.Optional.empty();
        }
        boolean selected = config.tables().stream().anyMatch(t -> t.equals(key) || bare(t).equals(key) || bare(key).equals(t));
        return selected ? java.util.Optional.empty()
                : java.util.Optional.of("'" + key + "' is not one of config.tables " + config.tables());
    }

    private static String bare(String name) {
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(dot + 1) : name;
    }
}
