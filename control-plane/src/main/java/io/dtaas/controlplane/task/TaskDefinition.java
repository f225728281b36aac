package io.dtaas.controlplane.task;

import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.job.JobKind;

import java.util.List;
import java.util.Map;

/** A task's user-editable fields, validated whole: what a create stores and an update writes back. */
record TaskDefinition(String name, String description, long sourceConnectorId, long destinationConnectorId,
                      JobKind mode, ScheduleSettings schedule, Map<String, Object> config) {

    static TaskDefinition of(TaskEntity e) {
        return new TaskDefinition(e.name, e.description, e.sourceConnectorId, e.destinationConnectorId,
                JobKind.fromWire(e.mode), new ScheduleSettings(ScheduleType.fromWire(e.scheduleType),
                e.schedule == null ? Map.of() : e.schedule), e.config);
    }

    @SuppressWarnings("unchecked")
    List<Object> tables() {
        return config.get("tables") instanceof List<?> l ? (List<Object>) l : List.of();
    }

    void applyTo(TaskEntity e) {
        e.name = name;
        e.description = description;
        e.sourceConnectorId = sourceConnectorId;
        e.destinationConnectorId = destinationConnectorId;
        e.mode = mode.wireName();
        e.scheduleType = schedule.type().wireName();
        e.schedule = schedule.settings();
        e.config = config;
    }
}
