package io.dtaas.job;

import io.dtaas.variables.VariableValueWire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a worker needs to run one execution. It carries ids, never secrets: the runner loads the connectors
 * (and decrypts their settings) itself.
 *
 * @param config               the task's settings, custom queries with their variables already rendered
 * @param epoch                fencing token: a worker only commits progress for the epoch it was given
 * @param variables            the execution's resolved variables (for transformations), empty when none
 * @param destinationOverrides destination settings rendered from templates (an S3 prefix, a directory path);
 *                             never a secret field
 */
public record JobSpec(long executionId, long taskId, String taskName, JobKind kind, long sourceConnectorId,
                      long destinationConnectorId, TransferConfig config, long epoch,
                      Map<String, VariableValueWire> variables, Map<String, String> destinationOverrides) {

    public JobSpec {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        destinationOverrides = destinationOverrides == null ? Map.of() : Map.copyOf(destinationOverrides);
    }

    public JobSpec(long executionId, long taskId, String taskName, JobKind kind, long sourceConnectorId,
                   long destinationConnectorId, TransferConfig config, long epoch) {
        this(executionId, taskId, taskName, kind, sourceConnectorId, destinationConnectorId, config, epoch, Map.of(),
                Map.of());
    }

    /** The same job with its variables resolved and applied. */
    public JobSpec withInputs(TransferConfig rendered, Map<String, VariableValueWire> resolved,
                              Map<String, String> overrides) {
        return new JobSpec(executionId, taskId, taskName, kind, sourceConnectorId, destinationConnectorId, rendered,
                epoch, resolved, overrides);
    }

    /** The resolved variables as plain Java values (null values kept), for the transformation context. */
    public Map<String, Object> variableValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        variables.forEach((name, wire) -> values.put(name, wire.value().plain()));
        return values;
    }
}
