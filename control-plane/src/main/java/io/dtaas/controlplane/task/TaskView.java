package io.dtaas.controlplane.task;

import io.dtaas.controlplane.execution.ExecutionSummary;

import java.time.Instant;
import java.util.Map;

/**
 * A task as the API shows it.
 *
 * @param status        {@code idle} until its first run, then its latest execution's status
 * @param lastExecution that latest execution in brief; null while idle
 */
public record TaskView(long id, String name, String description, long sourceConnectorId, long destinationConnectorId,
                       String mode, String scheduleType, Map<String, Object> schedule, Map<String, Object> config,
                       String status, ExecutionSummary lastExecution, Instant createdAt, Instant updatedAt) {

    static TaskView of(TaskEntity e, ExecutionSummary last) {
        return new TaskView(e.id, e.name, e.description, e.sourceConnectorId, e.destinationConnectorId, e.mode,
                e.scheduleType, e.schedule == null ? Map.of() : e.schedule, e.config, e.status, last, e.createdAt,
                e.updatedAt);
    }
}
