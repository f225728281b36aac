package io.dtaas.variables;

import java.time.Instant;

/**
 * What {@code context} variables read: the task and its connectors (null when resolving without a task), the
 * execution (its id is null when resolving for a test) and when it started.
 */
public record ExecutionContext(TaskFacts task, Long executionId, Instant startedAt) {

    /** The task and its two connectors, by their non-secret settings only. */
    public record TaskFacts(long id, String name, ConnectorFacts source, ConnectorFacts destination) {
    }

    /**
     * @param type     the connector type id, e.g. {@code postgresql}
     * @param database the configured database, or null when the type has none
     * @param host     the configured host, or null when the type has none
     */
    public record ConnectorFacts(long id, String name, String type, String database, String host) {
    }
}
